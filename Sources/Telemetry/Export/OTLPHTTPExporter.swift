import AsyncHTTPClient
import CompressNIO
public import CoreMetrics
import FoundationEssentials
public import Logging
import NIOCore
import NIOHTTP1
import Tracing

/// Exports spans as OTLP/HTTP JSON (`POST {endpoint}/v1/traces`), per the OTLP specification.
///
/// Retries 429/502/503/504 and connection failures with backoff, honouring `Retry-After`; a 400 or other
/// client error fails at once. A 200 carrying `partialSuccess.rejectedSpans` is logged and counted.
/// Every failed request counts in `telemetry_export_failures_total{reason}`.
public final class OTLPHTTPExporter: SpanExporter {
    /// Where and how to send; see ``TelemetryConfiguration`` for the `OTEL_EXPORTER_OTLP_*` variables.
    public struct Configuration: Sendable {
        /// The full traces URL, such as `http://localhost:4318/v1/traces`.
        public var tracesEndpoint: String
        public var headers: [(String, String)]
        public var gzip: Bool
        /// The limit for one request.
        public var timeout: Duration
        public var retry: ExportRetryPolicy

        public init(
            tracesEndpoint: String,
            headers: [(String, String)] = [],
            gzip: Bool = false,
            timeout: Duration = .seconds(10),
            retry: ExportRetryPolicy = ExportRetryPolicy()
        ) {
            self.tracesEndpoint = tracesEndpoint
            self.headers = headers
            self.gzip = gzip
            self.timeout = timeout
            self.retry = retry
        }
    }

    public let configuration: Configuration
    private let resource: Resource
    private let scopeVersion: String
    private let client: HTTPClient
    private let logger: Logger
    private let failures: MetricsFactoryCounters

    /// - Parameters:
    ///   - configuration: endpoint, headers, compression, timeout and retry policy.
    ///   - resource: the resource every exported batch carries.
    ///   - metrics: where `telemetry_export_failures_total` is counted.
    ///   - logger: for failures and partial successes.
    public init(configuration: Configuration, resource: Resource, metrics: any MetricsFactory, logger: Logger) {
        self.configuration = configuration
        self.resource = resource
        self.scopeVersion = resource.attributes.get("service.version").map { "\($0)" } ?? "0"
        self.logger = logger
        self.failures = MetricsFactoryCounters(
            label: "telemetry.export.failures",
            dimension: "reason",
            factory: metrics,
            knownValues: ["transport"]
        )
        var clientConfiguration = HTTPClient.Configuration()
        // The exporter's own requests must not be traced: each export would produce spans to export.
        clientConfiguration.tracing.tracer = nil
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
    }

    public func export(_ spans: [FinishedSpan]) async throws -> ExportOutcome {
        let request = try makeRequest(OTLPJSONEncoder.encode(spans, resource: resource, scopeVersion: scopeVersion))
        var attempt = 1
        while true {
            let retryAfter: Duration?
            do {
                let response = try await client.execute(
                    request,
                    timeout: .nanoseconds(configuration.timeout.totalNanoseconds)
                )
                let body = try await response.body.collect(upTo: 1 << 20)
                let status = Int(response.status.code)
                if (200..<300).contains(status) {
                    return outcome(of: body, batchSize: spans.count)
                }
                failures.increment(String(status))
                guard ExportRetryPolicy.isRetryable(status: status), attempt < configuration.retry.maxAttempts else {
                    let reason: ExportError.Reason =
                        ExportRetryPolicy.isRetryable(status: status) ? .retriesExhausted : .rejected
                    throw ExportError(reason: reason, message: "HTTP \(status): \(String(buffer: body).prefix(200))")
                }
                retryAfter = response.headers.first(name: "retry-after").flatMap {
                    ExportRetryPolicy.parseRetryAfter($0, now: Double(WallClock.nanosecondsSinceEpoch()) / 1e9)
                }
            } catch let error as ExportError {
                throw error
            } catch {
                failures.increment("transport")
                guard attempt < configuration.retry.maxAttempts, !Task.isCancelled else {
                    throw ExportError(reason: .transport, message: "\(error)")
                }
                retryAfter = nil
            }
            let delay = configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
            logger.debug("retrying trace export", metadata: ["attempt": "\(attempt)", "delay": "\(delay)"])
            try await Task.sleep(for: delay)
            attempt += 1
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    private func makeRequest(_ payload: [UInt8]) throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: configuration.tracesEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in configuration.headers {
            request.headers.add(name: name, value: value)
        }
        var body = ByteBuffer(bytes: payload)
        if configuration.gzip {
            body = try body.compress(with: .gzip())
            request.headers.add(name: "Content-Encoding", value: "gzip")
        }
        request.body = .bytes(body)
        return request
    }

    private func outcome(of body: ByteBuffer, batchSize: Int) -> ExportOutcome {
        let rejected = PartialSuccess.rejectedSpans(in: Data(body.readableBytesView))
        if rejected > 0 {
            logger.warning("trace receiver rejected spans", metadata: ["rejected": "\(rejected)"])
        }
        return ExportOutcome(accepted: max(0, batchSize - rejected), rejected: rejected)
    }
}

/// The `partialSuccess` of an `ExportTraceServiceResponse`; `rejectedSpans` is an int64, so a string in JSON.
enum PartialSuccess {
    private struct Response: Decodable {
        struct Partial: Decodable {
            var rejectedSpans: FlexibleInt?
            var errorMessage: String?
        }
        var partialSuccess: Partial?
    }

    private struct FlexibleInt: Decodable {
        var value: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else {
                value = Int(try container.decode(String.self)) ?? 0
            }
        }
    }

    static func rejectedSpans(in body: Data) -> Int {
        guard !body.isEmpty, let response = try? JSONDecoder().decode(Response.self, from: body) else { return 0 }
        return response.partialSuccess?.rejectedSpans?.value ?? 0
    }
}
