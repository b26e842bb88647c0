/// When an arrival-rate executor starts iterations: offsets from the scenario's start on a timeline fixed in
/// advance, whatever the answers take. The rate moves linearly within each stage, so iteration i starts where
/// the integral of the rate reaches i.
///
/// With a segment (`--segment 2/3`) a generator takes every third arrival, starting at the second: several
/// generators together run the whole timeline, interleaved.
struct ArrivalSchedule: Sequence, Sendable {
    /// A stretch of the timeline in which the rate moves from `from` to `to` per second.
    struct Stretch: Sendable {
        var seconds: Double
        var from: Double
        var to: Double
    }

    let stretches: [Stretch]
    /// This generator's share: it takes arrival j when `j % count == index`.
    let segment: (index: Int, count: Int)

    init(stretches: [Stretch], segment: (index: Int, count: Int) = (0, 1)) {
        self.stretches = stretches
        self.segment = segment
    }

    /// The whole length of the timeline.
    var seconds: Double { stretches.reduce(0) { $0 + $1.seconds } }

    func makeIterator() -> Iterator { Iterator(schedule: self) }

    struct Iterator: IteratorProtocol {
        let schedule: ArrivalSchedule
        private var arrival: Int
        private var stretch = 0
        /// Seconds and arrivals before the current stretch.
        private var offset = 0.0
        private var before = 0.0

        init(schedule: ArrivalSchedule) {
            self.schedule = schedule
            arrival = schedule.segment.index
        }

        /// The next arrival's offset in seconds, `nil` once the timeline ends.
        mutating func next() -> Double? {
            let wanted = Double(arrival)
            while stretch < schedule.stretches.count {
                let current = schedule.stretches[stretch]
                let arrivals = (current.from + current.to) / 2 * current.seconds
                if wanted < before + arrivals, let time = Self.time(of: wanted - before, in: current) {
                    arrival += schedule.segment.count
                    return offset + time
                }
                before += arrivals
                offset += current.seconds
                stretch += 1
            }
            return nil
        }

        /// When, within a stretch, the integral of its rate reaches `count`.
        private static func time(of count: Double, in stretch: Stretch) -> Double? {
            let slope = (stretch.to - stretch.from) / stretch.seconds
            if abs(slope) < 1e-12 {
                return stretch.from > 0 ? count / stretch.from : nil
            }
            let discriminant = stretch.from * stretch.from + 2 * slope * count
            guard discriminant >= 0 else { return nil }
            return (-stretch.from + discriminant.squareRoot()) / slope
        }
    }
}

extension ExecutorPlan {
    /// The arrival timeline of an arrival-rate executor; `nil` for the virtual-user executors.
    func arrivalSchedule(segment: (index: Int, count: Int)) -> ArrivalSchedule? {
        switch self {
        case .constantArrivalRate(let rate, let duration, _):
            ArrivalSchedule(stretches: [.init(seconds: duration.seconds, from: rate, to: rate)], segment: segment)
        case .rampingArrivalRate(let startRate, let stages, _):
            ArrivalSchedule(
                stretches: stages.reduce(into: []) { stretches, stage in
                    let from = stretches.last?.to ?? startRate
                    stretches.append(.init(seconds: stage.duration.seconds, from: from, to: stage.target))
                },
                segment: segment
            )
        default: nil
        }
    }
}
