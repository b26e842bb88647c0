/// Hands the arrivals of an open-model scenario to virtual users: an idle one if there is one, a new one while
/// fewer than `maxVUs` exist, otherwise the arrival waits. A virtual user that finishes takes the oldest
/// waiting arrival, measured from its intended start; an arrival that waited longer than `maxStartDelay` is
/// dropped and counted. Arrivals still waiting when the schedule ends are served all the same: they are the
/// shoppers a slow end of the run kept waiting, and dropping them would hide that wait.
actor ArrivalDispatcher {
    /// One iteration to start: when it was meant to, and for a replay, the only step it runs.
    struct Arrival: Sendable {
        var intended: ContinuousClock.Instant
        var onlyStep: Int?
    }

    enum Placement {
        /// An idle virtual user took it.
        case assigned
        /// Start a new virtual user with it.
        case spawn(number: Int)
        /// It waits for a virtual user.
        case queued
    }

    let maxVUs: Int
    let maxStartDelay: Duration
    let onDropped: @Sendable () -> Void
    private var idle: [CheckedContinuation<Arrival?, Never>] = []
    private var waiting: [Arrival] = []
    private var waitingStart = 0
    private var vus = 0
    private var isClosed = false
    private let numbers: VUNumbers

    init(maxVUs: Int, maxStartDelay: Duration, numbers: VUNumbers, onDropped: @escaping @Sendable () -> Void) {
        self.maxVUs = maxVUs
        self.maxStartDelay = maxStartDelay
        self.numbers = numbers
        self.onDropped = onDropped
    }

    func arrive(_ arrival: Arrival) -> Placement {
        if let vu = idle.popLast() {
            vu.resume(returning: arrival)
            return .assigned
        }
        if vus < maxVUs {
            vus += 1
            return .spawn(number: numbers.next())
        }
        waiting.append(arrival)
        return .queued
    }

    /// A virtual user's next arrival; `nil` when the scenario has ended.
    func next() async -> Arrival? {
        while waitingStart < waiting.count {
            let arrival = waiting[waitingStart]
            waitingStart += 1
            if waitingStart > 1_024 {
                waiting.removeFirst(waitingStart)
                waitingStart = 0
            }
            if ContinuousClock.now - arrival.intended <= maxStartDelay { return arrival }
            onDropped()
        }
        if isClosed { return nil }
        return await withCheckedContinuation { idle.append($0) }
    }

    /// No more arrivals: idle virtual users stop; busy ones serve what is waiting, then stop.
    func close() {
        isClosed = true
        for vu in idle { vu.resume(returning: nil) }
        idle = []
    }
}
