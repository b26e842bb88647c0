/// Parses budget expressions (see ``Budget``) and checks that the names they scope to exist.
public enum BudgetParser {
    /// Parses one expression.
    /// - Throws: ``BudgetSyntaxError`` saying what was expected where.
    public static func parse(_ expression: String) throws(BudgetSyntaxError) -> Budget {
        var words = Tokens(expression)
        let metricWord = try words.next("a metric: \(Budget.Metric.allCases.map(\.rawValue).joined(separator: ", "))")
        guard let metric = Budget.Metric(rawValue: metricWord) else {
            throw BudgetSyntaxError(
                "unknown metric \"\(metricWord)\"; expected \(Budget.Metric.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var statistic = Budget.Statistic.p95
        var next = try words.next("a comparison such as <")
        if let named = Budget.Statistic(rawValue: next) {
            guard metric == .latency else {
                throw BudgetSyntaxError("\(metric.rawValue) takes no statistic such as \(next)")
            }
            statistic = named
            next = try words.next("a comparison such as <")
        }
        guard let comparison = Budget.Comparison(rawValue: next) else {
            throw BudgetSyntaxError("expected a comparison (<, <=, >, >=, ==), got \"\(next)\"")
        }
        let limit = try value(try words.next("a limit such as 200ms or 1%"), for: metric)
        var scope = Budget.Scope.all
        var window: Duration?
        while let word = words.peek() {
            _ = try words.next("")
            switch word {
            case "for":
                let kind = try words.next("step, journey or scenario")
                let name = try words.quoted()
                switch kind {
                case "step": scope = .step(name)
                case "journey": scope = .journey(name)
                case "scenario": scope = .scenario(name)
                default: throw BudgetSyntaxError("expected step, journey or scenario after for, got \"\(kind)\"")
                }
            case "over":
                let text = try words.next("a window such as 30s")
                guard let duration = DurationText.parse(text), duration > .zero else {
                    throw BudgetSyntaxError("expected a window such as 30s after over, got \"\(text)\"")
                }
                window = duration
            default:
                throw BudgetSyntaxError(
                    "unexpected \"\(word)\"; expected for step|journey|scenario \"NAME\" or over WINDOW"
                )
            }
        }
        return Budget(
            expression: expression,
            metric: metric,
            statistic: statistic,
            comparison: comparison,
            limit: limit,
            scope: scope,
            window: window
        )
    }

    /// The limit in the metric's unit.
    private static func value(_ text: String, for metric: Budget.Metric) throws(BudgetSyntaxError) -> Double {
        switch metric {
        case .latency:
            guard let duration = DurationText.parse(text) else {
                throw BudgetSyntaxError("expected a latency such as 200ms or 1.5s, got \"\(text)\"")
            }
            return duration.seconds * 1_000
        case .errorRate, .checkRate:
            if text.hasSuffix("%"), let percent = Double(text.dropLast()) { return percent / 100 }
            guard let ratio = Double(text), (0...1).contains(ratio) else {
                throw BudgetSyntaxError("expected a share such as 1% or 0.01, got \"\(text)\"")
            }
            return ratio
        case .throughput, .droppedIterations:
            let number = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
            guard let value = Double(number), value >= 0 else {
                throw BudgetSyntaxError("expected a number, got \"\(text)\"")
            }
            return value
        }
    }

    /// The `budgets` list of a scenario file; every scoped name must exist.
    static func budgets(
        _ field: YAMLField?,
        scenarios: [Scenario],
        journeys: [String: Journey]
    ) throws(ScenarioError) -> [Budget] {
        guard let field else { return [] }
        let steps = Set(
            journeys.values.flatMap(\.steps).compactMap { step -> String? in
                if case .request(let request) = step { request.name } else { nil }
            }
        )
        return try field.elements().map { element throws(ScenarioError) in
            let text = try element.text()
            let budget: Budget
            do throws(BudgetSyntaxError) {
                budget = try parse(text)
            } catch {
                throw element.error(error.message)
            }
            switch budget.scope {
            case .all: break
            case .step(let name) where !steps.contains(name):
                throw element.error(
                    "no step is named \"\(name)\"; the steps are \(steps.sorted().joined(separator: ", "))"
                )
            case .journey(let name) where journeys[name] == nil:
                throw element.error("no journey \"\(name)\"")
            case .scenario(let name) where !scenarios.contains(where: { $0.name == name }):
                throw element.error("no scenario \"\(name)\"")
            default: break
            }
            return budget
        }
    }
}

/// What is wrong with a budget expression.
public struct BudgetSyntaxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The words of an expression; a quoted name is one word.
private struct Tokens {
    private var rest: Substring

    init(_ text: String) { rest = Substring(text) }

    mutating func peek() -> String? {
        var copy = self
        return try? copy.next("")
    }

    mutating func next(_ expectation: String) throws(BudgetSyntaxError) -> String {
        rest = rest.drop { $0 == " " }
        guard !rest.isEmpty else { throw BudgetSyntaxError("ends too early: expected \(expectation)") }
        let word = rest.prefix { $0 != " " }
        rest = rest.dropFirst(word.count)
        return String(word)
    }

    mutating func quoted() throws(BudgetSyntaxError) -> String {
        rest = rest.drop { $0 == " " }
        guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
            throw BudgetSyntaxError("expected a name in double quotes")
        }
        let name = String(rest[rest.index(after: rest.startIndex)..<close])
        rest = rest[rest.index(after: close)...]
        return name
    }
}
