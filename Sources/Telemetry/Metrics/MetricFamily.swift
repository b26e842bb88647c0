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

    /// The series by label set, and the same series sorted for rendering (rebuilt only after a change).
    private struct State {
        var byLabels: [LabelSet: Series] = [:]
        var sorted: [Series]? = []
    }

    let name: String
    let kind: MetricKind
    let help: String
    let upperBounds: [Double]
    let seriesLimit: Int
    private let state = Mutex(State())

    init(name: String, kind: MetricKind, help: String, upperBounds: [Double], seriesLimit: Int) {
        self.name = name
        self.kind = kind
        self.help = help
        self.upperBounds = upperBounds
        self.seriesLimit = seriesLimit
    }

    /// The series for `labels`, created by `make` when new; `nil` when the family is at its series limit.
    func series(for labels: LabelSet, make: (LabelSet) -> Series) -> Series? {
        state.withLock { state in
            if let existing = state.byLabels[labels] { return existing }
            guard state.byLabels.count < seriesLimit else { return nil }
            let created = make(labels)
            state.byLabels[labels] = created
            state.sorted = nil
            return created
        }
    }

    /// Removes the series whose handler is `handler`, as swift-metrics' `destroy` asks.
    func remove(_ handler: AnyObject) {
        state.withLock { state in
            if let key = state.byLabels.first(where: { $0.value.object === handler })?.key {
                state.byLabels.removeValue(forKey: key)
                state.sorted = nil
            }
        }
    }

    /// The current series, sorted by their rendered labels so that output is deterministic. The order is
    /// computed once per change of the series set, not once per scrape.
    func sortedSeries() -> [Series] {
        state.withLock { state in
            if let sorted = state.sorted { return sorted }
            let sorted = state.byLabels.map { (key: $0.key.rendered, series: $0.value) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }
                .map(\.series)
            state.sorted = sorted
            return sorted
        }
    }
}
