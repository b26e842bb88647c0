import Synchronization

/// One metric family: its name, kind, help text and the series under it, capped in number.
final class MetricFamily: Sendable {
    enum Series: Sendable {
        case counter(CounterSeries)
        case gauge(GaugeSeries)
        case histogram(HistogramSeries)

        var object: AnyObject {
            switch self {
            case .counter(let series): series
            case .gauge(let series): series
            case .histogram(let series): series
            }
        }

        var labels: LabelSet {
            switch self {
            case .counter(let series): series.labels
            case .gauge(let series): series.labels
            case .histogram(let series): series.labels
            }
        }
    }

    let name: String
    let kind: MetricKind
    let help: String
    let upperBounds: [Double]
    let seriesLimit: Int
    private let series = Mutex<[LabelSet: Series]>([:])

    init(name: String, kind: MetricKind, help: String, upperBounds: [Double], seriesLimit: Int) {
        self.name = name
        self.kind = kind
        self.help = help
        self.upperBounds = upperBounds
        self.seriesLimit = seriesLimit
    }

    /// The series for `labels`, created by `make` when new; `nil` when the family is at its series limit.
    func series(for labels: LabelSet, make: (LabelSet) -> Series) -> Series? {
        series.withLock { all in
            if let existing = all[labels] { return existing }
            guard all.count < seriesLimit else { return nil }
            let created = make(labels)
            all[labels] = created
            return created
        }
    }

    /// Removes the series whose handler is `handler`, as swift-metrics' `destroy` asks.
    func remove(_ handler: AnyObject) {
        series.withLock { all in
            if let key = all.first(where: { $0.value.object === handler })?.key {
                all.removeValue(forKey: key)
            }
        }
    }

    /// The current series, sorted by their rendered labels so that output is deterministic.
    func sortedSeries() -> [Series] {
        series.withLock { Array($0.values) }
            .sorted { $0.labels.rendered.lexicographicallyPrecedes($1.labels.rendered) }
    }
}
