public import Foundation
import Histogram

/// What a run found: per-step figures, every budget's verdict, the timeline, the slowest requests, and the
/// exit code a CI job acts on.
public struct RunReport: Sendable {
    public var name: String
    public var target: String
    public var started: Date
    public var seconds: Double
    public var steps: [StepSummary]
    public var total: StepSummary
    public var verdicts: [BudgetVerdict]
    public var iterations: [String: IterationSummary]
    public var timeline: [TimelinePoint]
    public var slowest: [SlowRequest]
    /// Why requests failed: each reason with its count, the start of one answer and its trace.
    public var failureExamples: [FailureExample]
    /// The latency distribution of all requests from the intended start, for the percentile spectrum.
    public var spectrum: [SpectrumPoint]
    /// The same from the actual send, which hides the time requests waited for a busy target.
    public var spectrumUncorrected: [SpectrumPoint]

    /// 0 when every budget held, 99 when one broke, 1 when nothing reached the target.
    public var exitCode: Int32 {
        if total.requests > 0, total.failures[.connectRefused] == total.requests { return 1 }
        return verdicts.allSatisfy(\.passed) ? 0 : 99
    }

    init(test: LoadTest, target: String, started: Date, accumulator: RunAccumulator, extras: RunExtras) {
        self.init(name: test.name, target: target, started: started, accumulator: accumulator, extras: extras)
    }

    init(name: String, target: String, started: Date, accumulator: RunAccumulator, extras: RunExtras) {
        self.name = name
        self.target = target
        self.started = started
        seconds = accumulator.seconds
        let byStep = Dictionary(grouping: accumulator.totals, by: \.key.step)
        steps = byStep.map { step, series in
            StepSummary(
                scenarios: Set(series.map(\.key.scenario)).sorted(),
                step: step,
                stats: SeriesStats.combined(series.map(\.value)),
                seconds: accumulator.seconds,
                timeToFirstByte: series.compactMap { extras.timeToFirstByte[$0.key] }.reduce(into: LatencyHistogram()) {
                    $0.add($1)
                },
                connect: series.compactMap { extras.connect[$0.key] }.reduce(into: LatencyHistogram()) { $0.add($1) }
            )
        }.sorted { ($0.scenarios.first ?? "", $0.step) < ($1.scenarios.first ?? "", $1.step) }
        let all = SeriesStats.combined(accumulator.totals.values)
        total = StepSummary(scenarios: [], step: "all requests", stats: all, seconds: accumulator.seconds)
        verdicts = accumulator.verdicts()
        iterations = extras.iterations.mapValues {
            IterationSummary(completed: $0.completed, failed: $0.failed, dropped: $0.dropped)
        }
        timeline = accumulator.timeline
        slowest = extras.slowest
        failureExamples = extras.failures
        spectrum = SpectrumPoint.spectrum(of: all.corrected)
        spectrumUncorrected = SpectrumPoint.spectrum(of: all.uncorrected)
    }
}

/// The figures of one step, over every scenario that runs it (or of all requests).
public struct StepSummary: Sendable {
    public var scenarios: [String]
    public var step: String
    public var requests: Int
    public var requestsPerSecond: Double
    public var failures: [RequestFailure: Int]
    public var checksPassed: Int
    public var checksFailed: Int
    /// From the intended start, in milliseconds.
    public var latency: LatencySummary
    /// From the actual send, in milliseconds.
    public var uncorrected: LatencySummary
    public var timeToFirstByte: LatencySummary
    public var connect: LatencySummary
    /// Answers by status class, `2xx` …, and `none` for requests without an answer.
    public var statusClasses: [String: Int]

    var failed: Int { failures.values.reduce(0, +) }

    init(
        scenarios: [String],
        step: String,
        stats: SeriesStats,
        seconds: Double,
        timeToFirstByte: LatencyHistogram = LatencyHistogram(),
        connect: LatencyHistogram = LatencyHistogram()
    ) {
        self.scenarios = scenarios
        self.step = step
        requests = stats.requests
        requestsPerSecond = seconds > 0 ? Double(stats.requests) / seconds : 0
        failures = stats.failures
        checksPassed = stats.checksPassed
        checksFailed = stats.checksFailed
        latency = LatencySummary(stats.corrected)
        uncorrected = LatencySummary(stats.uncorrected)
        self.timeToFirstByte = LatencySummary(timeToFirstByte)
        self.connect = LatencySummary(connect)
        var classes: [String: Int] = [:]
        for (index, count) in stats.statusClasses.enumerated() where count > 0 {
            classes[index == 0 ? "none" : "\(index)xx"] = count
        }
        statusClasses = classes
    }
}

/// Percentiles in milliseconds; `nil` without samples.
public struct LatencySummary: Sendable, Codable, Hashable {
    public var p50: Double?
    public var p90: Double?
    public var p95: Double?
    public var p99: Double?
    public var p999: Double?
    public var max: Double?
    public var mean: Double?

    init(_ histogram: LatencyHistogram) {
        p50 = histogram.milliseconds(.p50)
        p90 = histogram.milliseconds(.p90)
        p95 = histogram.milliseconds(.p95)
        p99 = histogram.milliseconds(.p99)
        p999 = histogram.milliseconds(.p999)
        max = histogram.milliseconds(.max)
        mean = histogram.milliseconds(.mean)
    }

    enum CodingKeys: String, CodingKey {
        case p50, p90, p95, p99, max, mean
        case p999 = "p99.9"
    }
}

/// Iterations of a scenario.
public struct IterationSummary: Sendable, Codable, Hashable {
    public var completed: Int
    public var failed: Int
    public var dropped: Int
}

/// A point of the percentile spectrum: the latency at a percentile.
public struct SpectrumPoint: Sendable, Codable, Hashable {
    public var percentile: Double
    public var milliseconds: Double

    /// Percentiles 0 to 99.9999, closer together towards the tail (HdrHistogram's spectrum).
    static func spectrum(of histogram: LatencyHistogram) -> [SpectrumPoint] {
        guard histogram.count > 0 else { return [] }
        var points: [SpectrumPoint] = []
        var remaining = 100.0
        while remaining > 0.0001 {
            let percentile = 100 - remaining
            points.append(
                SpectrumPoint(
                    percentile: percentile,
                    milliseconds: Double(histogram.histogram.valueAtPercentile(percentile)) / 1_000
                )
            )
            remaining /= 1.25
        }
        points.append(SpectrumPoint(percentile: 100, milliseconds: Double(histogram.histogram.max) / 1_000))
        return points
    }
}
