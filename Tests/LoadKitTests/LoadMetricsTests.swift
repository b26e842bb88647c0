import Foundation
import LoadKit
import Telemetry
import Testing

@Suite("A run's Prometheus metrics", .serialized)
struct LoadMetricsTests {
    @Test("requests, failures and drops add up to the report's; every step has its latest quantiles")
    func countsMatchTheReport() async throws {
        try await TestServer.with { base in
            let test = try ScenarioFile.parse(
                """
                scenarios:
                  - {name: steady, executor: constant-arrival-rate, rate: 50, duration: 2s, max_vus: 10, journey: mixed}
                journeys:
                  mixed:
                    - {name: ok, get: /ok, check: {status: 200}}
                    - {name: missing, get: /no-such-route}
                """,
                file: "test.yaml",
                directory: NSTemporaryDirectory()
            )
            let metrics = LoadMetrics()
            let report = try await LoadRun(test: test, options: RunOptions(target: base))
                .run(progress: SilentProgress(), metrics: metrics)
            let registry = MetricsRegistry()
            registry.addCollector(metrics)
            let text = String(decoding: registry.render(.prometheusText), as: UTF8.self)
            let requests = try #require(report.steps.first { $0.step == "ok" }?.requests)
            #expect(requests >= 90)
            #expect(
                text.contains(
                    #"emporium_load_requests_total{scenario="steady",status_class="2xx",step="ok"} \#(requests)"#
                ),
                "\(text)"
            )
            #expect(
                text.contains(
                    #"emporium_load_requests_total{scenario="steady",status_class="4xx",step="missing"} \#(requests)"#
                )
            )
            #expect(
                text.contains(
                    #"emporium_load_failures_total{kind="http_error",scenario="steady",step="missing"} \#(requests)"#
                )
            )
            #expect(text.contains(#"emporium_load_failures_total{kind="timeout",scenario="steady",step="ok"} 0"#))
            #expect(text.contains(#"emporium_load_dropped_iterations_total{scenario="steady"} 0"#))
            for step in ["ok", "missing"] {
                #expect(
                    text.contains(#"emporium_load_latency_seconds{quantile="0.95",scenario="steady",step="\#(step)"} "#)
                )
            }
            #expect(text.contains("emporium_load_active_vus "))
        }
    }
}
