import Foundation

/// Adds up runs made on several machines (`--segment i/n` each): their interval logs second by second, so the
/// percentiles are those of all requests together, and judges the budgets again on the whole.
///
/// ```swift
/// let report = try RunMerge.merge(directories: ["out/1", "out/2", "out/3"])
/// ```
public enum RunMerge {
    /// Merges the runs whose `--out` directories hold `summary.json` and `latency.hlog`.
    /// - Parameter log: receives the merged intervals (the merged `latency.hlog`).
    /// - Throws: ``HistogramLogError`` when a directory lacks either, or the runs had different budgets.
    public static func merge(directories: [String], log: HistogramLogWriter? = nil) throws -> RunReport {
        guard !directories.isEmpty else { throw HistogramLogError("name at least one run directory") }
        let summaries = try directories.map { directory in
            guard let data = FileManager.default.contents(atPath: "\(directory)/summary.json") else {
                throw HistogramLogError("\(directory)/summary.json is missing")
            }
            return try SummaryDocument.decode(data)
        }
        let expressions = summaries[0].budgets.map(\.expression)
        guard summaries.allSatisfy({ $0.budgets.map(\.expression) == expressions }) else {
            throw HistogramLogError("the runs have different budgets; merge runs of the same scenario file")
        }
        let budgets = try expressions.map { expression in
            do { return try BudgetParser.parse(expression) } catch {
                throw HistogramLogError("budget \(expression): \(error)")
            }
        }
        let intervals = try mergedIntervals(
            try directories.map { try HistogramLogReader.intervals(path: "\($0)/latency.hlog") }
        )
        let keys = Set(intervals.flatMap(\.series.keys))
        var accumulator = RunAccumulator(
            budgets: budgets,
            scopes: BudgetScopes(
                journeyOfScenario: Dictionary(
                    keys.map { ($0.scenario, $0.journey) },
                    uniquingKeysWith: { first, _ in first }
                ),
                stepsOfJourney: Dictionary(grouping: keys, by: \.journey).mapValues { Set($0.map(\.step)) }
            )
        )
        for interval in intervals {
            accumulator.add(interval)
            log?.write(interval)
        }
        var slowest = SlowestRequests()
        for request in summaries.flatMap(\.slowest) { slowest.offer(request) }
        var failures = FailureExamples()
        for example in summaries.flatMap({ $0.failureExamples ?? [] }) { failures.offer(example) }
        let iterations = summaries.map(\.iterations).reduce(into: [String: RunRecorder.IterationCount]()) { all, next in
            for (scenario, summary) in next {
                all[scenario, default: .init()].completed += summary.completed
                all[scenario, default: .init()].failed += summary.failed
                all[scenario, default: .init()].dropped += summary.dropped
            }
        }
        return RunReport(
            name: summaries[0].name,
            target: Set(summaries.map(\.target)).sorted().joined(separator: ", "),
            started: summaries.map(\.started).min() ?? Date(),
            accumulator: accumulator,
            extras: RunExtras(iterations: iterations, slowest: slowest.requests, failures: failures.all)
        )
    }

    /// The intervals of several runs added second by second (runs started together; their seconds align).
    static func mergedIntervals(_ runs: [[IntervalRecord]]) throws -> [IntervalRecord] {
        var merged: [Int: IntervalRecord] = [:]
        for interval in runs.joined() {
            let second = Int(interval.start.rounded())
            guard var existing = merged[second] else {
                merged[second] = interval
                continue
            }
            for (key, stats) in interval.series { existing.series[key, default: SeriesStats()].add(stats) }
            existing.dropped.merge(interval.dropped, uniquingKeysWith: +)
            existing.activeVUs += interval.activeVUs
            existing.length = max(existing.length, interval.length)
            merged[second] = existing
        }
        return merged.sorted { $0.key < $1.key }.map(\.value)
    }
}
