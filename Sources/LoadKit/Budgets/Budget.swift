/// A condition the run must meet, written `METRIC [STAT] OP VALUE [for step|journey|scenario "NAME"] [over WINDOW]`:
/// `latency p95 < 200ms`, `error_rate < 1%`, `latency p99 < 500ms for step "product page"`,
/// `latency p95 < 300ms for journey "checkout" over 30s` (then it must hold in every 30 s window).
public struct Budget: Sendable, Hashable, CustomStringConvertible {
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// Request (or, for a journey or scenario scope, iteration) latency from the intended start.
        case latency
        /// Failed requests ÷ requests.
        case errorRate = "error_rate"
        /// Passed checks ÷ checks.
        case checkRate = "check_rate"
        /// Requests per second.
        case throughput
        /// Iterations an arrival-rate executor could not start (all its virtual users were busy).
        case droppedIterations = "dropped_iterations"
    }

    public enum Statistic: String, Sendable, Hashable, CaseIterable {
        case p50, p90, p95, p99
        case p999 = "p99.9"
        case max, mean

        /// The percentile, for the percentile statistics.
        var percentile: Double? {
            switch self {
            case .p50: 50
            case .p90: 90
            case .p95: 95
            case .p99: 99
            case .p999: 99.9
            case .max, .mean: nil
            }
        }
    }

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        /// Exactly: `dropped_iterations == 0`.
        case equal = "=="

        func holds(_ observed: Double, _ limit: Double) -> Bool {
            switch self {
            case .less: observed < limit
            case .lessOrEqual: observed <= limit
            case .greater: observed > limit
            case .greaterOrEqual: observed >= limit
            case .equal: observed == limit
            }
        }
    }

    /// What the budget is about: the whole run, or one step, journey or scenario.
    public enum Scope: Sendable, Hashable {
        case all
        case step(String)
        case journey(String)
        case scenario(String)
    }

    /// The text as written.
    public var expression: String
    public var metric: Metric
    /// For latency: which statistic (p95 when not written).
    public var statistic: Statistic
    public var comparison: Comparison
    /// In the metric's unit: milliseconds for latency, a ratio (0.01 for 1 %) for rates, per second, a count.
    public var limit: Double
    public var scope: Scope
    /// When set, the budget must hold in every window of this length, from the start of the run.
    public var window: Duration?

    public var description: String { expression }
}
