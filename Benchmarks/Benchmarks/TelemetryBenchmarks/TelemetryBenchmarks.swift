import Benchmark
import CoreMetrics
import Prometheus
import Telemetry
import Tracing

/// Emporium's telemetry beside swift-prometheus 2.4.1, measured in the same run (`make bench`).
/// Both sides are driven through the swift-metrics API, as an application would.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .instructions],
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    let emporium = MetricsRegistry()
    let prometheus = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())

    for (name, factory) in [("Emporium", emporium as any MetricsFactory), ("swift-prometheus", prometheus)] {
        let counter = Counter(label: "requests", dimensions: [("route", "/products")], factory: factory)
        Benchmark("counter increment · \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                counter.increment()
            }
        }
        let timer = Timer(label: "request.duration", dimensions: [("route", "/products")], factory: factory)
        Benchmark("histogram observe · \(name)") { benchmark in
            for iteration in benchmark.scaledIterations {
                timer.recordNanoseconds(Int64(iteration % 2_000) * 1_000_000)
            }
        }
    }

    let tracer = TelemetryTracer(resource: Resource(attributes: [:]), processor: MultiSpanProcessor([]))
    Benchmark("span start+end · Emporium") { benchmark in
        for _ in benchmark.scaledIterations {
            tracer.startSpan("GET /products", context: .topLevel, ofKind: .server).end()
        }
    }

    let seriesCount = 10_000
    let renderedEmporium = MetricsRegistry(configuration: .init(maxSeriesPerFamily: seriesCount))
    let renderedPrometheus = PrometheusCollectorRegistry()
    let renderedFactory = PrometheusMetricsFactory(registry: renderedPrometheus)
    for index in 0..<seriesCount {
        let dimensions = [("route", "/r\(index % 100)"), ("status", "\(200 + index / 100)")]
        Counter(label: "requests", dimensions: dimensions, factory: renderedEmporium).increment(by: index)
        Counter(label: "requests", dimensions: dimensions, factory: renderedFactory).increment(by: index)
    }
    let renderConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(3)
    )
    Benchmark("render 10,000 series · Emporium", configuration: renderConfiguration) { _ in
        blackHole(renderedEmporium.render(.prometheusText))
    }
    Benchmark("render 10,000 series · swift-prometheus", configuration: renderConfiguration) { _ in
        var buffer: [UInt8] = []
        renderedPrometheus.emit(into: &buffer)
        blackHole(buffer)
    }
}
