import Synchronization

/// Holds every metric family of a process and renders them for Prometheus.
///
/// The registry is a swift-metrics backend (see `MetricsRegistry+MetricsFactory.swift`): bootstrap it once in
/// `main` and every library on swift-metrics reports into it.
///
/// ```swift
/// let registry = MetricsRegistry()
/// MetricsSystem.bootstrap(registry)
/// let body = registry.render(.openMetrics)
/// ```
///
/// Creating a series takes the registry's and the family's locks; recording into it afterwards takes none.
public final class MetricsRegistry: Sendable {
    /// The family that counts series refused by a family's cap or by a kind conflict.
    static let droppedSeriesFamily = "telemetry_series_dropped_total"

    let configuration: Configuration
    private let families = Mutex<[String: MetricFamily]>([:])
    private let collectors = Mutex<[any MetricsCollector]>([])

    /// Creates an empty registry.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Adds a source of values computed at render time (process metrics, build info).
    public func addCollector(_ collector: some MetricsCollector) {
        collectors.withLock { $0.append(collector) }
    }

    /// Renders every family in `format`, families sorted by name and series by labels.
    public func render(_ format: ExpositionFormat) -> [UInt8] {
        var renderer = ExpositionRenderer(format: format)
        let registered = families.withLock { Array($0.values) }
        let collected = collectors.withLock { $0 }.flatMap { $0.collect() }
        var entries: [(name: String, write: (inout ExpositionRenderer) -> Void)] = []
        entries.reserveCapacity(registered.count + collected.count)
        for family in registered {
            entries.append((family.name, { $0.write(family) }))
        }
        for metric in collected {
            entries.append((metric.name, { $0.write(metric) }))
        }
        entries.sort { $0.name < $1.name }
        for entry in entries {
            entry.write(&renderer)
        }
        return renderer.finish()
    }

    /// The family named `name`, created on first use; `nil` if the name is taken by a family of another kind.
    func family(named name: String, kind: MetricKind, label: String) -> MetricFamily? {
        families.withLock { all in
            if let existing = all[name] {
                return existing.kind == kind ? existing : nil
            }
            let family = MetricFamily(
                name: name,
                kind: kind,
                help: configuration.helpText(for: name, label: label),
                upperBounds: kind == .histogram ? configuration.upperBounds(for: name) : [],
                seriesLimit: configuration.maxSeriesPerFamily
            )
            all[name] = family
            return family
        }
    }

    /// The series for `label`/`dimensions`, or a detached one (counted as dropped) when the family refuses it.
    func series(
        label: String,
        dimensions: [(String, String)],
        kind: MetricKind,
        isTimer: Bool = false
    ) -> MetricFamily.Series {
        let name = MetricName.familyName(for: label, kind: kind, isTimer: isTimer)
        let labels = LabelSet(dimensions, reserved: kind == .histogram ? ["le"] : [])
        let family = self.family(named: name, kind: kind, label: label)
        let make: (LabelSet) -> MetricFamily.Series = { labels in
            switch kind {
            case .counter: .counter(CounterSeries(labels: labels))
            case .gauge: .gauge(GaugeSeries(labels: labels))
            case .histogram:
                .histogram(
                    HistogramSeries(
                        labels: labels,
                        upperBounds: family?.upperBounds ?? self.configuration.upperBounds(for: name)
                    )
                )
            }
        }
        if let family, let series = family.series(for: labels, make: make) {
            return series
        }
        recordDroppedSeries(of: name)
        return make(labels)
    }

    /// Removes a handler's series from whichever family holds it.
    func remove(_ handler: AnyObject) {
        let all = families.withLock { Array($0.values) }
        for family in all {
            family.remove(handler)
        }
    }

    private func recordDroppedSeries(of name: String) {
        guard name != Self.droppedSeriesFamily else { return }
        if case .counter(let counter) = series(
            label: Self.droppedSeriesFamily,
            dimensions: [("metric", name)],
            kind: .counter
        ) {
            counter.increment(by: Int64(1))
        }
    }
}
