import Synchronization

/// The run's accumulator, shared between the interval ticker and the end of the run.
final class AccumulatorBox: Sendable {
    private let accumulator: Mutex<RunAccumulator>

    init(_ accumulator: RunAccumulator) {
        self.accumulator = Mutex(accumulator)
    }

    /// Adds an interval; returns all requests so far combined and the iterations dropped, for the progress line.
    func add(_ interval: IntervalRecord) -> (requests: SeriesStats, dropped: Int) {
        accumulator.withLock { accumulator in
            accumulator.add(interval)
            return (SeriesStats.combined(accumulator.totals.values), accumulator.dropped.values.reduce(0, +))
        }
    }

    var value: RunAccumulator { accumulator.withLock { $0 } }
}
