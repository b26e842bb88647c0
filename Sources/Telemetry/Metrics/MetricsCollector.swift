/// A source of metric values computed at scrape time, such as process statistics read from `/proc`.
///
/// Register one with ``MetricsRegistry/addCollector(_:)``; it is asked for its values on every render.
public protocol MetricsCollector: Sendable {
    /// The families and their current values.
    func collect() -> [CollectedMetric]
}

/// A metric family produced by a ``MetricsCollector``.
public struct CollectedMetric: Sendable {
    /// One value and its labels.
    public struct Sample: Sendable {
        public var labels: [(String, String)]
        public var value: Double

        public init(labels: [(String, String)] = [], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// The exposition name; a counter's ends in `_total`.
    public var name: String
    /// `counter` or `gauge`.
    public var kind: MetricKind
    public var help: String
    public var samples: [Sample]

    public init(name: String, kind: MetricKind, help: String, samples: [Sample]) {
        self.name = name
        self.kind = kind
        self.help = help
        self.samples = samples
    }
}
