import Synchronization

/// Records a run as it happens. Requests and iterations go into the current interval; every second the
/// interval is closed (``closeInterval(at:)``) and handed on, to the histogram log and the budgets' windows.
final class RunRecorder: Sendable {
    private struct State {
        var current: [SeriesKey: SeriesStats] = [:]
        var dropped: [String: Int] = [:]
        var timeToFirstByte: [SeriesKey: LatencyHistogram] = [:]
        var connect: [SeriesKey: LatencyHistogram] = [:]
        var iterations: [String: IterationCount] = [:]
        var slowest = SlowestRequests()
        var failures = FailureExamples()
        var activeVUs = 0
        var intervalStart: Double = 0
    }

    /// Iterations of a scenario: started, finished with every step passing, or failed.
    struct IterationCount: Sendable, Hashable {
        var completed = 0
        var failed = 0
        var dropped = 0
    }

    let start: ContinuousClock.Instant
    private let state = Mutex(State())

    init(start: ContinuousClock.Instant) {
        self.start = start
    }

    func record(_ sample: RequestSample) {
        let latency = (sample.ended - sample.intendedStart).seconds * 1_000
        state.withLock { state in
            state.current[sample.key, default: SeriesStats()].record(sample)
            if let ttfb = sample.timeToFirstByte {
                state.timeToFirstByte[sample.key, default: LatencyHistogram()].record(ttfb)
            }
            if let connect = sample.connect { state.connect[sample.key, default: LatencyHistogram()].record(connect) }
            state.slowest.offer(
                SlowRequest(
                    scenario: sample.key.scenario,
                    step: sample.key.step,
                    latencyMilliseconds: latency,
                    status: sample.status,
                    traceID: sample.traceID,
                    at: (sample.ended - start).seconds
                )
            )
            if let failure = sample.failure {
                state.failures.offer(
                    FailureExample(
                        scenario: sample.key.scenario,
                        step: sample.key.step,
                        kind: failure,
                        reason: sample.failureReason ?? failure.rawValue,
                        body: sample.failureBody,
                        count: 1,
                        traceID: sample.traceID
                    )
                )
            }
        }
    }

    func recordIteration(scenario: String, failed: Bool) {
        state.withLock { state in
            if failed {
                state.iterations[scenario, default: .init()].failed += 1
            } else {
                state.iterations[scenario, default: .init()].completed += 1
            }
        }
    }

    func recordDropped(scenario: String) {
        state.withLock { state in
            state.dropped[scenario, default: 0] += 1
            state.iterations[scenario, default: .init()].dropped += 1
        }
    }

    func changeActiveVUs(by delta: Int) {
        state.withLock { $0.activeVUs += delta }
    }

    /// Ends the current interval at `instant` and returns it.
    func closeInterval(at instant: ContinuousClock.Instant) -> IntervalRecord {
        let end = (instant - start).seconds
        return state.withLock { state in
            defer {
                state.current = [:]
                state.dropped = [:]
                state.intervalStart = end
            }
            return IntervalRecord(
                start: state.intervalStart,
                length: max(end - state.intervalStart, 0.001),
                series: state.current,
                dropped: state.dropped,
                activeVUs: state.activeVUs
            )
        }
    }

    /// What only the live run knows: time to first byte and connect times, iterations, the slowest requests and
    /// why requests failed.
    func extras() -> RunExtras {
        state.withLock { state in
            RunExtras(
                timeToFirstByte: state.timeToFirstByte,
                connect: state.connect,
                iterations: state.iterations,
                slowest: state.slowest.requests,
                failures: state.failures.all
            )
        }
    }
}

/// The parts of a run that are not in its intervals.
struct RunExtras: Sendable {
    var timeToFirstByte: [SeriesKey: LatencyHistogram] = [:]
    var connect: [SeriesKey: LatencyHistogram] = [:]
    var iterations: [String: RunRecorder.IterationCount] = [:]
    var slowest: [SlowRequest] = []
    var failures: [FailureExample] = []
}
