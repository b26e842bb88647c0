import CompressNIO
import EmporiumHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import NIOCore
import NIOFoundationCompat
import Telemetry
import TelemetryTesting
import Testing
import Tracing

@Suite("HTTP application: health, metrics, traces")
struct ApplicationTests {
    /// Runs `body` against a shop on SQLite with its own registry and tracer.
    func withApp(_ body: @escaping @Sendable (any TestClientProtocol, TelemetryRuntime) async throws -> Void)
        async throws
    {
        try await TestShop.run { shop in try await body(shop.client, shop.telemetry) }
    }

    @Test("health endpoints answer JSON")
    func health() async throws {
        try await withApp { client, telemetry in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"checks":{"database":"ok"},"status":"ready"}"#)
            }
        }
    }

    @Test("an incoming traceparent is continued and returned in traceresponse")
    func traceContinuation() async throws {
        let parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        try await withApp { client, telemetry in
            try await client.execute(
                uri: "/health/live",
                method: .get,
                headers: [HTTPField.Name("traceparent")!: parent]
            ) { response in
                let header = try #require(response.headers[HTTPField.Name("traceresponse")!])
                #expect(header.hasPrefix("00-4bf92f3577b34da6a3ce929d0e0e4736-"))
                #expect(!header.contains("00f067aa0ba902b7"))
            }
            let trace = try #require(telemetry.traceStore.trace(TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!))
            #expect(trace.root.operationName == "/health/live")
            #expect(trace.root.parentSpanID?.hexString == "00f067aa0ba902b7")
        }
    }

    @Test("a request's duration carries its trace as an exemplar; /metrics itself is measured but not traced")
    func latencyExemplars() async throws {
        let traceID = "4bf92f3577b34da6a3ce929d0e0e4737"
        try await withApp { client, telemetry in
            try await client.execute(
                uri: "/health/live",
                method: .get,
                headers: [HTTPField.Name("traceparent")!: "00-\(traceID)-00f067aa0ba902b7-01"]
            ) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { _ in }
            let text = String(decoding: telemetry.metrics.render(.openMetrics), as: UTF8.self)
            let bucket = try #require(
                text.split(separator: "\n").first {
                    $0.hasPrefix("http_server_request_duration_seconds_bucket{")
                        && $0.contains(#"http_route="/health/live""#) && $0.contains(#"le="0.005""#)
                }
            )
            #expect(bucket.contains(#" # {trace_id="\#(traceID)""#), "\(bucket)")
            #expect(
                text.contains(
                    #"http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/metrics"} 1"#
                )
            )
            #expect(telemetry.traceStore.recentTraces().map(\.root.operationName) == ["/health/live"])
        }
    }

    @Test("/metrics serves the format the scrape asks for, with HTTP metrics by route")
    func metricsEndpoint() async throws {
        try await withApp { client, telemetry in
            try await client.execute(uri: "/health/live", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(
                    text.contains(
                        "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/health/live\"} 1"
                    )
                )
                #expect(text.contains("process_resident_memory_bytes "))
            }
            let openMetrics: HTTPFields = [
                .accept: "application/openmetrics-text; version=1.0.0", .acceptEncoding: "gzip",
            ]
            try await client.execute(uri: "/metrics", method: .get, headers: openMetrics) { response in
                #expect(response.headers[.contentType] == "application/openmetrics-text; version=1.0.0; charset=utf-8")
                #expect(response.headers[.contentEncoding] == "gzip")
                var body = response.body
                let inflated = try body.decompress(with: .gzip())
                #expect(String(buffer: inflated).hasSuffix("# EOF\n"))
            }
        }
    }

    @Test("/debug/traces answers JSON, HTML for browsers, and names a bad trace id")
    func debugTraces() async throws {
        try await withApp { client, telemetry in
            try await client.execute(uri: "/health/live", method: .get) { _ in }
            try await client.execute(uri: "/debug/traces", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let recent = try #require(json?["recent"] as? [[String: Any]])
                #expect(recent.first?["route"] as? String == "GET /health/live")
            }
            try await client.execute(uri: "/debug/traces", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains("GET /health/live"))
            }
            try await client.execute(uri: "/debug/traces/XYZ", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains(#""code":"invalid_trace_id""#))
            }
        }
    }

    @Test("an unknown route answers a JSON 404")
    func notFound() async throws {
        try await withApp { client, telemetry in
            try await client.execute(uri: "/no/such/route", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains(#""code":"not_found""#))
            }
        }
    }
}
