/// Adds up a run's intervals, as they close or as they are read back from several runs' logs: whole-run
/// stats per series, the timeline, and every windowed budget's windows.
struct RunAccumulator: Sendable {
    let budgets: [Budget]
    let scopes: BudgetScopes
    private(set) var totals: [SeriesKey: SeriesStats] = [:]
    private(set) var dropped: [String: Int] = [:]
    private(set) var timeline: [TimelinePoint] = []
    private(set) var windows: [Int: WindowTracker] = [:]
    private(set) var seconds: Double = 0

    init(budgets: [Budget], scopes: BudgetScopes) {
        self.budgets = budgets
        self.scopes = scopes
        for (index, budget) in budgets.enumerated() {
            if let window = budget.window { windows[index] = WindowTracker(length: window.seconds) }
        }
    }

    mutating func add(_ interval: IntervalRecord) {
        for (key, stats) in interval.series { totals[key, default: SeriesStats()].add(stats) }
        dropped.merge(interval.dropped, uniquingKeysWith: +)
        seconds = max(seconds, interval.start + interval.length)
        timeline.append(Self.point(interval))
        for (index, tracker) in windows {
            var tracker = tracker
            let budget = budgets[index]
            tracker.add(
                interval,
                matching: { scopes.matches(budget.scope, $0) },
                dropped: scopes.dropped(in: budget.scope, interval.dropped)
            ) { stats, dropped, seconds in
                BudgetEvaluator.observe(budget, stats: stats, dropped: dropped, seconds: seconds)
            }
            windows[index] = tracker
        }
    }

    /// Every budget's verdict on the whole run.
    func verdicts() -> [BudgetVerdict] {
        budgets.enumerated().map { index, budget in
            if var tracker = windows[index] {
                tracker.finish { stats, dropped, seconds in
                    BudgetEvaluator.observe(budget, stats: stats, dropped: dropped, seconds: seconds)
                }
                return BudgetEvaluator.verdict(budget, windows: tracker)
            }
            let stats = SeriesStats.combined(totals.filter { scopes.matches(budget.scope, $0.key) }.values)
            let observed = BudgetEvaluator.observe(
                budget,
                stats: stats,
                dropped: scopes.dropped(in: budget.scope, dropped),
                seconds: seconds
            )
            return BudgetEvaluator.verdict(budget, observed: observed)
        }
    }

    private static func point(_ interval: IntervalRecord) -> TimelinePoint {
        let all = SeriesStats.combined(interval.series.values)
        return TimelinePoint(
            start: interval.start,
            requests: all.requests,
            failures: all.failed,
            requestsPerSecond: Double(all.requests) / interval.length,
            p50: all.corrected.milliseconds(.p50),
            p95: all.corrected.milliseconds(.p95),
            p99: all.corrected.milliseconds(.p99),
            p99Uncorrected: all.uncorrected.milliseconds(.p99),
            dropped: interval.dropped.values.reduce(0, +),
            activeVUs: interval.activeVUs
        )
    }
}

/// The windows of one windowed budget: stats add up until a window's length has passed, then the window is
/// judged and the next begins. The worst window is kept.
struct WindowTracker: Sendable {
    let length: Double
    private var start: Double = 0
    private var stats = SeriesStats()
    private var dropped = 0
    private var hasSamples = false
    /// The observed value of each judged window that had samples, with its start.
    private(set) var observations: [(start: Double, value: Double)] = []

    init(length: Double) {
        self.length = length
    }

    mutating func add(
        _ interval: IntervalRecord,
        matching: (SeriesKey) -> Bool,
        dropped droppedHere: Int,
        observe: (SeriesStats, Int, Double) -> Double?
    ) {
        if interval.start >= start + length - 0.000_001 { finish(observe) }
        for (key, series) in interval.series where matching(key) {
            stats.add(series)
            hasSamples = hasSamples || series.requests > 0
        }
        dropped += droppedHere
        hasSamples = hasSamples || droppedHere > 0
    }

    /// Judges the window in progress, if it had samples, and starts the next.
    mutating func finish(_ observe: (SeriesStats, Int, Double) -> Double?) {
        if hasSamples, let value = observe(stats, dropped, length) { observations.append((start, value)) }
        start += length
        stats = SeriesStats()
        dropped = 0
        hasSamples = false
    }
}
