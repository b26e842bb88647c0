import CoreMetrics
import Foundation
import Testing

@testable import Telemetry

@Suite("Metrics registry")
struct MetricsRegistryTests {
    let registry = MetricsRegistry()

    func text(_ format: ExpositionFormat = .prometheusText) -> String {
        String(decoding: registry.render(format), as: UTF8.self)
    }

    @Test("swift-metrics labels map to Prometheus names")
    func nameMapping() {
        #expect(MetricName.familyName(for: "hb.requests", kind: .counter) == "hb_requests_total")
        #expect(
            MetricName.familyName(for: "http.server.request.duration", kind: .histogram, isTimer: true)
                == "http_server_request_duration_seconds"
        )
        #expect(MetricName.familyName(for: "already_total", kind: .counter) == "already_total")
        #expect(MetricName.familyName(for: "9lives-left", kind: .gauge) == "_9lives_left")
        #expect(MetricName.labelName(for: "http.route") == "http_route")
    }

    @Test("counters add integral and fractional increments and ignore negative ones")
    func counters() {
        let counter = Counter(label: "orders.placed", factory: registry)
        counter.increment(by: 3)
        counter.increment(by: -5)
        FloatingPointCounter(label: "orders.placed", factory: registry).increment(by: 0.5)
        #expect(text().contains("orders_placed_total 3.5\n"))
    }

    @Test("the same dimensions in another order are the same series")
    func labelOrder() {
        Counter(label: "c", dimensions: [("b", "2"), ("a", "1")], factory: registry).increment()
        Counter(label: "c", dimensions: [("a", "1"), ("b", "2")], factory: registry).increment()
        #expect(text().contains("c_total{a=\"1\",b=\"2\"} 2\n"))
    }

    @Test("meters and non-aggregating recorders are gauges")
    func gauges() {
        let meter = Meter(label: "active", factory: registry)
        meter.increment(by: 3)
        meter.decrement()
        Recorder(label: "queue.depth", aggregate: false, factory: registry).record(7)
        let output = text()
        #expect(output.contains("# TYPE active gauge\nactive 2\n"))
        #expect(output.contains("queue_depth 7\n"))
    }

    @Test("timers are histograms in seconds with cumulative buckets and +Inf equal to the count")
    func timers() {
        let timer = Timer(label: "work.duration", factory: registry)
        timer.recordMilliseconds(3)
        timer.recordMilliseconds(30)
        timer.recordSeconds(20)
        let output = text()
        #expect(output.contains("# TYPE work_duration_seconds histogram"))
        #expect(output.contains("work_duration_seconds_bucket{le=\"0.005\"} 1\n"))
        #expect(output.contains("work_duration_seconds_bucket{le=\"0.05\"} 2\n"))
        #expect(output.contains("work_duration_seconds_bucket{le=\"10.0\"} 2\n"))
        #expect(output.contains("work_duration_seconds_bucket{le=\"+Inf\"} 3\n"))
        #expect(output.contains("work_duration_seconds_count 3\n"))
        #expect(output.contains("work_duration_seconds_sum 20.033"))
    }

    @Test("a value equal to a bucket bound counts in that bucket (le is inclusive)")
    func inclusiveBounds() {
        let registry = MetricsRegistry(configuration: .init(buckets: ["sizes": [1, 2, 4]]))
        let recorder = Recorder(label: "sizes", factory: registry)
        recorder.record(2)
        let output = String(decoding: registry.render(.prometheusText), as: UTF8.self)
        #expect(output.contains("sizes_bucket{le=\"1.0\"} 0\n"))
        #expect(output.contains("sizes_bucket{le=\"2.0\"} 1\n"))
    }

    @Test("a family refuses series beyond its cap and counts what it refused")
    func seriesCap() {
        let registry = MetricsRegistry(configuration: .init(maxSeriesPerFamily: 2))
        for user in 0..<5 {
            Counter(label: "logins", dimensions: [("user", "\(user)")], factory: registry).increment()
        }
        let output = String(decoding: registry.render(.prometheusText), as: UTF8.self)
        #expect(output.components(separatedBy: "\nlogins_total{").count - 1 == 2)
        #expect(output.contains("telemetry_series_dropped_total{metric=\"logins_total\"} 3\n"))
    }

    @Test("a name already used by another kind is refused and counted, not mixed into the family")
    func kindConflict() {
        Recorder(label: "temperature", aggregate: false, factory: registry).record(20)
        Recorder(label: "temperature", aggregate: true, factory: registry).record(21)
        let output = text()
        #expect(output.contains("# TYPE temperature gauge"))
        #expect(!output.contains("temperature_bucket"))
        #expect(output.contains("telemetry_series_dropped_total{metric=\"temperature\"} 1\n"))
    }

    @Test("destroy removes the series from the exposition")
    func destroy() {
        let counter = Counter(label: "temporary", factory: registry)
        counter.increment()
        #expect(text().contains("temporary_total 1"))
        counter.destroy()
        #expect(!text().contains("temporary_total"))
    }

    @Test("output is sorted by family name and by labels")
    func deterministicOrder() {
        Counter(label: "zeta", factory: registry).increment()
        Counter(label: "alpha", dimensions: [("k", "b")], factory: registry).increment()
        Counter(label: "alpha", dimensions: [("k", "a")], factory: registry).increment()
        let output = text()
        let alphaA = output.range(of: "alpha_total{k=\"a\"}")!.lowerBound
        let alphaB = output.range(of: "alpha_total{k=\"b\"}")!.lowerBound
        let zeta = output.range(of: "zeta_total")!.lowerBound
        #expect(alphaA < alphaB && alphaB < zeta)
        #expect(registry.render(.prometheusText) == registry.render(.prometheusText))
    }

    @Test("concurrent increments from many tasks are all counted")
    func concurrentIncrements() async {
        let counter = Counter(label: "hammered", factory: registry)
        let timer = Timer(label: "hammered.duration", factory: registry)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 {
                        counter.increment()
                        timer.recordMicroseconds(100)
                    }
                }
            }
        }
        let output = text()
        #expect(output.contains("hammered_total 80000\n"))
        #expect(output.contains("hammered_duration_seconds_count 80000\n"))
    }
}
