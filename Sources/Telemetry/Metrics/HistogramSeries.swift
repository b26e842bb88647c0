import CoreMetrics
import Synchronization

/// One histogram series: the backend of aggregating `Recorder`s and of `Timer`s.
///
/// An observation finds its bucket by binary search and bumps that one bucket and the sum, both
/// relaxed atomics: no lock, and no walk over every bucket. Buckets are cumulated when rendered.
/// Timers record nanoseconds and are exposed in seconds.
final class HistogramSeries: RecorderHandler, TimerHandler, Sendable {
    let labels: LabelSet
    /// Upper bounds of the finite buckets, increasing; the last slot of `counts` is `+Inf`.
    let upperBounds: [Double]
    private let counts: AtomicCounterArray
    private let sum = AtomicDouble()
    private let exemplars: Mutex<[Exemplar?]>

    init(labels: LabelSet, upperBounds: [Double]) {
        self.labels = labels
        self.upperBounds = upperBounds
        self.counts = AtomicCounterArray(count: upperBounds.count + 1)
        self.exemplars = Mutex(Array(repeating: nil, count: upperBounds.count + 1))
    }

    func record(_ value: Int64) { observe(Double(value)) }
    func record(_ value: Double) { observe(value) }
    func recordNanoseconds(_ duration: Int64) { observe(Double(duration) / 1_000_000_000) }

    @inline(__always)
    func observe(_ value: Double) {
        guard !value.isNaN else { return }
        let index = bucketIndex(for: value)
        counts.increment(at: index)
        sum.add(value)
        if let sample = Exemplar.current(value: value) {
            exemplars.withLock { $0[index] = sample }
        }
    }

    /// The index of the first bucket whose upper bound is at least `value` (`le` is inclusive).
    @inline(__always)
    private func bucketIndex(for value: Double) -> Int {
        var low = 0
        var high = upperBounds.count
        while low < high {
            let middle = (low &+ high) >> 1
            if upperBounds[middle] < value {
                low = middle &+ 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Per-bucket (not cumulative) counts, the sum and the last exemplar of each bucket.
    func snapshot() -> (counts: [UInt64], sum: Double, exemplars: [Exemplar?]) {
        let values = (0..<counts.count).map { counts.load(at: $0) }
        return (values, sum.load(), exemplars.withLock { $0 })
    }
}
