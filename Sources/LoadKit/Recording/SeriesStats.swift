/// What the requests of one series did in some span of time: latencies from the intended start (corrected) and
/// from the actual send (uncorrected), counts of requests, failures by kind, checks and status classes.
/// Stats of the same series add up exactly, across seconds and across machines.
struct SeriesStats: Sendable {
    var corrected = LatencyHistogram()
    var uncorrected = LatencyHistogram()
    var requests = 0
    var failures: [RequestFailure: Int] = [:]
    var checksPassed = 0
    var checksFailed = 0
    /// Answers by status class: index 1 for 1xx … 5; index 0 for no answer.
    var statusClasses = [Int](repeating: 0, count: 6)

    var failed: Int { failures.values.reduce(0, +) }

    mutating func record(_ sample: RequestSample) {
        corrected.record(sample.ended - sample.intendedStart)
        uncorrected.record(sample.ended - sample.sent)
        requests += 1
        if let failure = sample.failure { failures[failure, default: 0] += 1 }
        checksPassed += sample.checksPassed
        checksFailed += sample.checksFailed
        statusClasses[min(max((sample.status ?? 0) / 100, 0), 5)] += 1
    }

    mutating func add(_ other: SeriesStats) {
        corrected.add(other.corrected)
        uncorrected.add(other.uncorrected)
        requests += other.requests
        failures.merge(other.failures, uniquingKeysWith: +)
        checksPassed += other.checksPassed
        checksFailed += other.checksFailed
        for index in statusClasses.indices { statusClasses[index] += other.statusClasses[index] }
    }

    /// The sum of several series.
    static func combined(_ all: some Sequence<SeriesStats>) -> SeriesStats {
        all.reduce(into: SeriesStats()) { $0.add($1) }
    }
}

/// One closed second (or other interval) of a run: what each series did in it, and the iterations the
/// arrival-rate executors dropped.
struct IntervalRecord: Sendable {
    /// Seconds from the start of the run.
    var start: Double
    var length: Double
    var series: [SeriesKey: SeriesStats]
    var dropped: [String: Int]
    var activeVUs: Int
}
