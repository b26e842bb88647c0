import Foundation
import NIOPosix

/// Runs a scenario file against a target and judges its budgets.
///
/// ```swift
/// let test = try ScenarioFile.load(path: "loadtest/smoke.yaml")
/// let run = try LoadRun(test: test, options: RunOptions(target: "http://127.0.0.1:8080"))
/// let report = await run.run(progress: ProgressPrinter())
/// exit(report.exitCode)
/// ```
public struct LoadRun: Sendable {
    public let test: LoadTest
    public let options: RunOptions
    let target: Target

    /// Applies the options to the file.
    /// - Throws: ``ScenarioError`` when there is no target, or it is not an http:// URL.
    public init(test: LoadTest, options: RunOptions) throws(ScenarioError) {
        guard let url = options.target ?? test.baseURL else {
            throw ScenarioError(
                file: test.file,
                line: 0,
                field: "base_url",
                message: "no target: pass --target URL or set base_url"
            )
        }
        var test = test
        let peak = test.scenarios.compactMap(\.executor.peakRate).reduce(0, +)
        let rateFactor = options.rate.map { peak > 0 ? $0 / peak : 1 }
        for index in test.scenarios.indices {
            test.scenarios[index].executor = test.scenarios[index].executor.scaled(
                duration: options.duration,
                rateFactor: rateFactor
            )
        }
        self.test = test
        self.options = options
        self.target = try Target(url: url)
    }

    /// How long the run lasts as planned: the latest scenario end.
    public var plannedSeconds: Double {
        test.scenarios.map { ($0.startTime + $0.executor.duration).seconds }.max() ?? 0
    }

    /// Runs every scenario at once (each after its start time), closing an interval every second. Cancelling
    /// the calling task ends the run early: no new iteration starts, and what ran is reported.
    /// - Parameters:
    ///   - histogramLog: receives every interval as it closes (`latency.hlog`).
    ///   - metrics: counts every interval as it closes, for `/metrics`.
    public func run(
        progress: any ProgressOutput,
        histogramLog: HistogramLogWriter? = nil,
        metrics: LoadMetrics? = nil
    ) async -> RunReport {
        let start = ContinuousClock.now
        let startDate = Date()
        let recorder = RunRecorder(start: start)
        let context = RunContext(
            target: target,
            defaultHeaders: test.defaultHeaders,
            data: test.data,
            recorder: recorder,
            executors: EventLoopExecutors(MultiThreadedEventLoopGroup.singleton),
            requestTimeout: options.requestTimeout
        )
        let numbers = VUNumbers(segment: options.segment)
        let accumulator = AccumulatorBox(RunAccumulator(budgets: test.budgets, scopes: scopes))
        let drivers = test.scenarios.map { scenario in
            ScenarioDriver(
                scenario: scenario,
                journey: test.journeys[scenario.journey]!,
                context: context,
                numbers: numbers,
                segment: options.segment,
                maxStartDelay: options.maxStartDelay
            )
        }
        let planned = plannedSeconds
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withDiscardingTaskGroup { scenarios in
                    for driver in drivers { scenarios.addTask { await driver.run(from: start) } }
                }
            }
            group.addTask {
                var tick = start
                while !Task.isCancelled {
                    tick = tick + .seconds(1)
                    try? await Task.sleep(until: tick)
                    guard !Task.isCancelled else { return }
                    let interval = recorder.closeInterval(at: tick)
                    histogramLog?.write(interval)
                    metrics?.observe(interval)
                    let totals = accumulator.add(interval)
                    progress.update(
                        ProgressSnapshot(
                            interval: interval,
                            totals: totals.requests,
                            dropped: totals.dropped,
                            planned: planned
                        )
                    )
                }
            }
            await group.next()
            group.cancelAll()
        }
        let last = recorder.closeInterval(at: .now)
        histogramLog?.write(last)
        metrics?.observe(last)
        _ = accumulator.add(last)
        progress.finish()
        return RunReport(
            test: test,
            target: target.description,
            started: startDate,
            accumulator: accumulator.value,
            extras: recorder.extras()
        )
    }

    var scopes: BudgetScopes {
        BudgetScopes(
            journeyOfScenario: Dictionary(
                test.scenarios.map { ($0.name, $0.journey) },
                uniquingKeysWith: { first, _ in first }
            ),
            stepsOfJourney: test.journeys.mapValues { journey in
                Set(journey.steps.compactMap { if case .request(let request) = $0 { request.name } else { nil } })
            }
        )
    }
}
