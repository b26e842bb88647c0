/// A budget's verdict: held or broken, and what was observed (in the budget's unit).
public struct BudgetVerdict: Sendable, Hashable, Codable {
    public var expression: String
    public var passed: Bool
    /// The observed value (the worst window's for a windowed budget); `nil` when nothing was recorded.
    public var observed: Double?
    /// `ms`, `ratio`, `/s` or `count`.
    public var unit: String
    /// For a windowed budget: how many windows were judged, and how many broke the budget.
    public var windows: Int?
    public var brokenWindows: Int?
    /// Why it failed without a value, or where the worst window was.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case expression, passed, observed, unit, windows, note
        case brokenWindows = "broken_windows"
    }
}

/// Measures a budget's metric over stats and judges it.
enum BudgetEvaluator {
    /// The metric's value over `stats` (and `dropped` iterations, over `seconds`); `nil` when the stats hold no
    /// sample of it.
    static func observe(_ budget: Budget, stats: SeriesStats, dropped: Int, seconds: Double) -> Double? {
        switch budget.metric {
        case .latency: stats.corrected.milliseconds(budget.statistic)
        case .errorRate: stats.requests == 0 ? nil : Double(stats.failed) / Double(stats.requests)
        case .checkRate:
            stats.checksPassed + stats.checksFailed == 0
                ? nil : Double(stats.checksPassed) / Double(stats.checksPassed + stats.checksFailed)
        case .throughput: stats.requests == 0 || seconds <= 0 ? nil : Double(stats.requests) / seconds
        case .droppedIterations: Double(dropped)
        }
    }

    /// The verdict on one observation; a metric that recorded nothing fails.
    static func verdict(_ budget: Budget, observed: Double?) -> BudgetVerdict {
        BudgetVerdict(
            expression: budget.expression,
            passed: observed.map { budget.comparison.holds($0, budget.limit) } ?? false,
            observed: observed,
            unit: unit(of: budget.metric),
            note: observed == nil ? "no samples: a budget over nothing fails" : nil
        )
    }

    /// The verdict on a windowed budget: it must hold in every window; the worst window is reported.
    static func verdict(_ budget: Budget, windows: WindowTracker) -> BudgetVerdict {
        let values = windows.observations
        let broken = values.filter { !budget.comparison.holds($0.value, budget.limit) }
        let isUpperBound = [.less, .lessOrEqual, .equal].contains(budget.comparison)
        let worst = isUpperBound ? values.max { $0.value < $1.value } : values.min { $0.value < $1.value }
        return BudgetVerdict(
            expression: budget.expression,
            passed: !values.isEmpty && broken.isEmpty,
            observed: worst?.value,
            unit: unit(of: budget.metric),
            windows: values.count,
            brokenWindows: broken.count,
            note: worst.map { "worst window from \(Int($0.start)) s" } ?? "no samples: a budget over nothing fails"
        )
    }

    static func unit(of metric: Budget.Metric) -> String {
        switch metric {
        case .latency: "ms"
        case .errorRate, .checkRate: "ratio"
        case .throughput: "/s"
        case .droppedIterations: "count"
        }
    }
}

/// Which series and scenarios a budget's scope covers.
struct BudgetScopes: Sendable {
    /// The journey each scenario runs.
    var journeyOfScenario: [String: String]
    /// The steps of each journey.
    var stepsOfJourney: [String: Set<String>]

    func matches(_ scope: Budget.Scope, _ key: SeriesKey) -> Bool {
        switch scope {
        case .all: true
        case .step(let name): key.step == name
        case .journey(let name): key.journey == name
        case .scenario(let name): key.scenario == name
        }
    }

    /// The dropped iterations of the scenarios the scope covers.
    func dropped(in scope: Budget.Scope, _ dropped: [String: Int]) -> Int {
        dropped.filter { scenario, _ in
            let journey = journeyOfScenario[scenario] ?? ""
            return switch scope {
            case .all: true
            case .scenario(let name): scenario == name
            case .journey(let name): journey == name
            case .step(let name): stepsOfJourney[journey]?.contains(name) ?? false
            }
        }.values.reduce(0, +)
    }
}
