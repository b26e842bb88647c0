import CoreMetrics

/// One gauge series: the backend of `Gauge` (a non-aggregating `Recorder`) and `Meter`.
final class GaugeSeries: RecorderHandler, MeterHandler, Sendable {
    let labels: LabelSet
    private let current = AtomicDouble()

    init(labels: LabelSet) {
        self.labels = labels
    }

    func record(_ value: Int64) { current.store(Double(value)) }
    func record(_ value: Double) { current.store(value) }
    func set(_ value: Int64) { current.store(Double(value)) }
    func set(_ value: Double) { current.store(value) }

    func increment(by amount: Double) {
        guard !amount.isNaN else { return }
        current.add(amount)
    }

    func decrement(by amount: Double) {
        guard !amount.isNaN else { return }
        current.add(-amount)
    }

    var value: Double { current.load() }
}
