public import CoreMetrics
import Synchronization

/// Counters of one family keyed by a single dimension (a reason, an outcome), made on first use from a
/// given factory rather than the global one, so libraries report into whatever registry they were handed.
public final class MetricsFactoryCounters: Sendable {
    private let label: String
    private let dimension: String
    private let factory: any MetricsFactory
    private let counters = Mutex<[String: Counter]>([:])

    /// - Parameters:
    ///   - label: the swift-metrics label, such as `telemetry.spans.dropped`.
    ///   - dimension: the one label name, such as `reason`.
    ///   - factory: where the counters live.
    ///   - knownValues: values whose counters exist from the start at 0, so that a dashboard or alert finds the
    ///     series before the first event (`queue_full` before the first dropped span).
    public init(label: String, dimension: String, factory: any MetricsFactory, knownValues: [String] = []) {
        self.label = label
        self.dimension = dimension
        self.factory = factory
        for value in knownValues { _ = counter(value) }
    }

    /// Adds `amount` to the counter for `value`.
    public func increment(_ value: String, by amount: Int = 1) {
        guard amount > 0 else { return }
        counter(value).increment(by: amount)
    }

    private func counter(_ value: String) -> Counter {
        counters.withLock { all in
            if let existing = all[value] { return existing }
            let created = Counter(label: label, dimensions: [(dimension, value)], factory: factory)
            all[value] = created
            return created
        }
    }
}
