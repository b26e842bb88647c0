/// How to run a scenario file: where, how long, how hard, which share.
public struct RunOptions: Sendable {
    /// Replaces the file's `base_url`.
    public var target: String?
    /// Replaces every scenario's duration (ramps are stretched to it).
    public var duration: Duration?
    /// The iterations per second of the arrival-rate scenarios together, at their peaks: each is scaled by the
    /// same factor, so a mix keeps its proportions.
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
    /// The highest arrival rate of an arrival-rate plan; `nil` for the others.
    var peakRate: Double? {
        switch self {
        case .constantArrivalRate(let rate, _, _): rate
        case .rampingArrivalRate(let startRate, let stages, _): max(stages.map(\.target).max() ?? startRate, startRate)
        default: nil
        }
    }

    /// The plan with `--duration` applied, and its arrival rates multiplied by `rateFactor`.
    func scaled(duration newDuration: Duration?, rateFactor: Double?) -> ExecutorPlan {
        let factor = newDuration.map { $0.seconds / max(duration.seconds, 0.001) }
        func stretch(_ stages: [Stage]) -> [Stage] {
            guard let factor else { return stages }
            return stages.map {
                Stage(duration: .nanoseconds(Int64($0.duration.seconds * factor * 1e9)), target: $0.target)
            }
        }
        switch self {
        case .constantArrivalRate(let rate, let duration, let maxVUs):
            return .constantArrivalRate(
                rate: rate * (rateFactor ?? 1),
                duration: newDuration ?? duration,
                maxVUs: maxVUs
            )
        case .rampingArrivalRate(let startRate, let stages, let maxVUs):
            let scale = rateFactor ?? 1
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
