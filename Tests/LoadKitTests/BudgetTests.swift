import Testing

@testable import LoadKit

@Suite("Budgets: parsing and verdicts")
struct BudgetTests {
    @Test("expressions parse into metric, statistic, limit, scope and window")
    func parsing() throws {
        let latency = try BudgetParser.parse(#"latency p99.9 <= 1.5s for scenario "browse" over 30s"#)
        #expect(latency.metric == .latency && latency.statistic == .p999 && latency.comparison == .lessOrEqual)
        #expect(latency.limit == 1_500 && latency.scope == .scenario("browse") && latency.window == .seconds(30))
        #expect(try BudgetParser.parse("latency < 200ms").statistic == .p95)
        #expect(try BudgetParser.parse("error_rate < 1%").limit == 0.01)
        #expect(try BudgetParser.parse("check_rate >= 0.99").comparison == .greaterOrEqual)
        #expect(try BudgetParser.parse("throughput > 50/s").limit == 50)
        let dropped = try BudgetParser.parse("dropped_iterations == 0")
        #expect(dropped.metric == .droppedIterations && dropped.comparison == .equal && dropped.limit == 0)
    }

    @Test(
        "a malformed expression says what was expected",
        arguments: [
            ("latency p95", "ends too early"), ("speed < 3", "unknown metric"),
            ("error_rate p95 < 1%", "takes no statistic"),
            ("latency p95 ~ 3ms", "expected a comparison"), ("latency p95 < fast", "expected a latency"),
            ("latency < 1s for page \"x\"", "expected step, journey or scenario"),
            ("latency < 1s over never", "window"),
            ("latency < 1s for step x", "double quotes"), ("error_rate < 150", "share"),
        ]
    )
    func malformed(_ expression: String, _ complaint: String) {
        do {
            _ = try BudgetParser.parse(expression)
            Issue.record("accepted \(expression)")
        } catch {
            #expect(error.message.contains(complaint), "\(error.message)")
        }
    }

    /// Stats of requests with these latencies in milliseconds, the first `failed` of them failed.
    static func stats(_ milliseconds: [Int], failed: Int = 0) -> SeriesStats {
        var stats = SeriesStats()
        let now = ContinuousClock.now
        for (index, latency) in milliseconds.enumerated() {
            stats.record(
                RequestSample(
                    key: key,
                    intendedStart: now,
                    sent: now,
                    ended: now + .milliseconds(latency),
                    status: index < failed ? 500 : 200,
                    failure: index < failed ? .httpError : nil,
                    checksPassed: 0,
                    checksFailed: 0,
                    traceID: ""
                )
            )
        }
        return stats
    }

    static let key = SeriesKey(scenario: "browse", journey: "shop", step: "product page")
    static let scopes = BudgetScopes(journeyOfScenario: ["browse": "shop"], stepsOfJourney: ["shop": ["product page"]])

    func verdicts(_ expressions: [String], _ intervals: [SeriesStats]) throws -> [BudgetVerdict] {
        var accumulator = RunAccumulator(budgets: try expressions.map(BudgetParser.parse), scopes: Self.scopes)
        for (second, stats) in intervals.enumerated() {
            accumulator.add(
                IntervalRecord(start: Double(second), length: 1, series: [Self.key: stats], dropped: [:], activeVUs: 0)
            )
        }
        return accumulator.verdicts()
    }

    @Test("whole-run budgets judge all samples in scope")
    func wholeRun() throws {
        let verdicts = try verdicts(
            [
                "latency p95 < 50ms", #"latency max < 50ms for step "product page""#, "error_rate < 10%",
                "throughput >= 5/s",
            ],
            [Self.stats(Array(repeating: 10, count: 19) + [100], failed: 1), Self.stats([10, 10, 10, 10, 10])]
        )
        #expect(verdicts.map(\.passed) == [true, false, true, true])
        #expect(verdicts[1].observed == 100.031)
        #expect(verdicts[2].observed == 0.04)
        #expect(verdicts[3].observed == 12.5)
    }

    @Test("a budget over a metric that recorded nothing fails")
    func noSamples() throws {
        let verdicts = try verdicts([#"latency p95 < 1s for step "checkout""#, "check_rate > 99%"], [Self.stats([5])])
        #expect(verdicts.allSatisfy { !$0.passed && $0.observed == nil })
        #expect(verdicts[0].note?.contains("no samples") == true)
    }

    @Test("a windowed budget breaks on one bad window that the whole run would hide")
    func windows() throws {
        let calm = Self.stats(Array(repeating: 10, count: 100))
        let spike = Self.stats(Array(repeating: 900, count: 20))
        let intervals = [calm, calm, calm, calm, spike, calm, calm, calm, calm, calm]
        let verdicts = try verdicts(["latency p95 < 200ms", "latency p95 < 200ms over 2s"], intervals)
        #expect(verdicts[0].passed, "the spike is under 5 % of the run")
        #expect(!verdicts[1].passed)
        #expect(verdicts[1].windows == 5 && verdicts[1].brokenWindows == 1)
        #expect(verdicts[1].note == "worst window from 4 s")
    }
}
