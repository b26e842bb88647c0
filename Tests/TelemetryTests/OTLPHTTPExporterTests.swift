import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import TelemetryTesting
import Testing
import Tracing

@testable import Telemetry

/// A local OTLP receiver that answers each request with the next scripted response.
final class ScriptedReceiver: Sendable {
    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields = [:]
        var body: String = "{}"
    }

    private let replies: Mutex<[Reply]>
    private let received = Mutex<[(headers: HTTPFields, body: ByteBuffer)]>([])

    init(_ replies: [Reply]) {
        self.replies = Mutex(replies)
    }

    var requests: [(headers: HTTPFields, body: ByteBuffer)] { received.withLock { $0 } }

    /// Runs `body` with the receiver listening; the argument is its traces URL.
    func serve(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            let payload = try await request.body.collect(upTo: 1 << 24)
            self.received.withLock { $0.append((request.headers, payload)) }
            let reply = self.replies.withLock { $0.isEmpty ? Reply(status: .ok) : $0.removeFirst() }
            var headers = reply.headers
            headers[.contentType] = "application/json"
            return Response(
                status: reply.status,
                headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: reply.body))
            )
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)/v1/traces")
        }
    }
}

@Suite("OTLP/HTTP exporter")
struct OTLPHTTPExporterTests {
    let registry = MetricsRegistry()

    func spans(_ count: Int) -> [FinishedSpan] {
        let recorder = InMemorySpanRecorder()
        let tracer = TelemetryTracer(resource: .test, processor: recorder)
        for index in 0..<count {
            tracer.startSpan("span \(index)", context: .topLevel).end()
        }
        return recorder.spans
    }

    func exporter(_ url: String, attempts: Int = 5, gzip: Bool = false) -> OTLPHTTPExporter {
        OTLPHTTPExporter(
            configuration: .init(
                tracesEndpoint: url,
                gzip: gzip,
                retry: ExportRetryPolicy(
                    maxAttempts: attempts,
                    initialBackoff: .milliseconds(1),
                    maxBackoff: .milliseconds(5)
                )
            ),
            resource: .test,
            metrics: registry,
            logger: Logger(label: "test")
        )
    }

    var metricsText: String { String(decoding: registry.render(.prometheusText), as: UTF8.self) }

    @Test("429 with Retry-After and 503 are retried until the receiver accepts")
    func retriesTransientFailures() async throws {
        let receiver = ScriptedReceiver([
            .init(status: .tooManyRequests, headers: [HTTPField.Name("Retry-After")!: "0"]),
            .init(status: .serviceUnavailable),
        ])
        try await receiver.serve { url in
            let exporter = exporter(url)
            let outcome = try await exporter.export(spans(3))
            await exporter.shutdown()
            #expect(outcome == ExportOutcome(accepted: 3))
        }
        #expect(receiver.requests.count == 3)
        #expect(metricsText.contains("telemetry_export_failures_total{reason=\"429\"} 1"))
        #expect(metricsText.contains("telemetry_export_failures_total{reason=\"503\"} 1"))
    }

    @Test("400 is never retried")
    func badRequestIsFinal() async throws {
        let receiver = ScriptedReceiver([.init(status: .badRequest, body: #"{"message":"bad span"}"#)])
        try await receiver.serve { url in
            let exporter = exporter(url)
            await #expect(throws: ExportError.self) { try await exporter.export(spans(1)) }
            await exporter.shutdown()
        }
        #expect(receiver.requests.count == 1)
    }

    @Test("retries stop after the configured attempts")
    func retriesAreBounded() async throws {
        let receiver = ScriptedReceiver(Array(repeating: .init(status: .badGateway), count: 10))
        try await receiver.serve { url in
            let exporter = exporter(url, attempts: 3)
            await #expect(throws: ExportError.self) { try await exporter.export(spans(1)) }
            await exporter.shutdown()
        }
        #expect(receiver.requests.count == 3)
    }

    @Test("a partial success is counted as rejected, not retried")
    func partialSuccess() async throws {
        let receiver = ScriptedReceiver([
            .init(status: .ok, body: #"{"partialSuccess":{"rejectedSpans":"2","errorMessage":"too old"}}"#)
        ])
        try await receiver.serve { url in
            let exporter = exporter(url)
            let outcome = try await exporter.export(spans(5))
            await exporter.shutdown()
            #expect(outcome == ExportOutcome(accepted: 3, rejected: 2))
        }
        #expect(receiver.requests.count == 1)
    }

    @Test("requests are JSON, gzip-compressed when configured")
    func requestShape() async throws {
        let receiver = ScriptedReceiver([])
        try await receiver.serve { url in
            let exporter = exporter(url, gzip: true)
            _ = try await exporter.export(spans(2))
            await exporter.shutdown()
        }
        let request = try #require(receiver.requests.first)
        #expect(request.headers[.contentType] == "application/json")
        #expect(request.headers[.contentEncoding] == "gzip")
        #expect(request.body.getBytes(at: 0, length: 2) == [0x1F, 0x8B])
    }

    @Test("Retry-After accepts seconds and HTTP dates")
    func retryAfter() {
        #expect(ExportRetryPolicy.parseRetryAfter("7", now: 0) == .seconds(7))
        let now = 784_111_777.0  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(ExportRetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(ExportRetryPolicy.parseRetryAfter("soon", now: now) == nil)
        #expect(ExportRetryPolicy.isRetryable(status: 429) && !ExportRetryPolicy.isRetryable(status: 400))
        let policy = ExportRetryPolicy(initialBackoff: .seconds(1), maxBackoff: .seconds(4))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil) <= .milliseconds(4_800))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(2)) == .seconds(2))
    }
}
