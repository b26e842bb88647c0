/// How to run a scenario file: where, how long, how hard, which share.
public struct RunOptions: Sendable {
    /// Replaces the file's `base_url`.
    public var target: String?
    /// Replaces every scenario's duration (ramps are stretched to it).
    public var duration: Duration?
    /// Sets the rate of constant-arrival-rate scenarios, and scales ramping-arrival-rate ones to peak at it.
    public var rate: Double?
    /// This generator's share of a distributed run: `(index, count)`, zero-based index.
    public var segment: (index: Int, count: Int)
    /// The longest a request may take before it counts as a timeout.
    public var requestTimeout: Duration
    /// How long an arrival may wait for a busy generator before it is dropped.
    public var maxStartDelay: Duration

    /// Creates options; the defaults run the file as written.
    public init(
        target: String? = nil,
        duration: Duration? = nil,
        rate: Double? = nil,
        segment: (index: Int, count: Int) = (0, 1),
        requestTimeout: Duration = .seconds(30),
        maxStartDelay: Duration = .seconds(10)
    ) {
        self.target = target
        self.duration = duration
        self.rate = rate
        self.segment = segment
        self.requestTimeout = requestTimeout
        self.maxStartDelay = maxStartDelay
    }
}

extension ExecutorPlan {
    /// The plan with `--duration` and `--rate` applied.
    func scaled(duration newDuration: Duration?, rate newRate: Double?) -> ExecutorPlan {
        let factor = newDuration.map { $0.seconds / max(duration.seconds, 0.001) }
        func stretch(_ stages: [Stage]) -> [Stage] {
            guard let factor else { return stages }
            return stages.map {
                Stage(duration: .nanoseconds(Int64($0.duration.seconds * factor * 1e9)), target: $0.target)
            }
        }
        switch self {
        case .constantArrivalRate(let rate, let duration, let maxVUs):
            return .constantArrivalRate(rate: newRate ?? rate, duration: newDuration ?? duration, maxVUs: maxVUs)
        case .rampingArrivalRate(let startRate, let stages, let maxVUs):
            let peak = max(stages.map(\.target).max() ?? startRate, startRate)
            let scale = newRate.map { peak > 0 ? $0 / peak : 1 } ?? 1
            return .rampingArrivalRate(
                startRate: startRate * scale,
                stages: stretch(stages).map { Stage(duration: $0.duration, target: $0.target * scale) },
                maxVUs: maxVUs
            )
        case .constantVUs(let vus, let duration): return .constantVUs(vus: vus, duration: newDuration ?? duration)
        case .rampingVUs(let startVUs, let stages): return .rampingVUs(startVUs: startVUs, stages: stretch(stages))
        case .perVUIterations(let vus, let iterations, let maxDuration):
            return .perVUIterations(vus: vus, iterations: iterations, maxDuration: newDuration ?? maxDuration)
        case .replay: return self  // a replay keeps its recorded timeline; its speed is set when it is read
        }
    }
}
