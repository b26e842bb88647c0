import CoreMetrics
import Synchronization

/// One counter series: the backend of both `Counter` and `FloatingPointCounter`.
///
/// Integer increments go to one atomic, fractional ones to another, so the common path is a single
/// relaxed atomic add. Negative, NaN and infinite increments are ignored: a counter never goes down.
///
/// Exemplars are sampled: the active span is looked up on the first increment and then whenever the count
/// crosses a multiple of ``exemplarInterval``, so a busy counter's exemplar is never more than that many
/// increments old and the common increment does not pay for the task-local lookup.
final class CounterSeries: CounterHandler, FloatingPointCounterHandler, Sendable {
    /// Increments between two exemplar lookups (a power of two).
    static let exemplarInterval: Int64 = 64

    let labels: LabelSet
    private let integral = Atomic<Int64>(0)
    private let fractional = AtomicDouble()
    private let exemplar = Mutex<Exemplar?>(nil)

    init(labels: LabelSet) {
        self.labels = labels
    }

    func increment(by amount: Int64) {
        guard amount > 0 else { return }
        let (before, after) = integral.wrappingAdd(amount, ordering: .relaxed)
        let interval = Self.exemplarInterval
        guard before == 0 || before / interval != after / interval else { return }
        if let sample = Exemplar.current(value: Double(amount)) {
            exemplar.withLock { $0 = sample }
        }
    }

    func increment(by amount: Double) {
        guard amount > 0, amount.isFinite else { return }
        fractional.add(amount)
        if let sample = Exemplar.current(value: amount) {
            exemplar.withLock { $0 = sample }
        }
    }

    func reset() {
        integral.store(0, ordering: .relaxed)
        fractional.store(0)
        exemplar.withLock { $0 = nil }
    }

    var value: Double {
        Double(integral.load(ordering: .relaxed)) + fractional.load()
    }

    var lastExemplar: Exemplar? {
        exemplar.withLock { $0 }
    }
}
