/// A parsed scenario file: data, scenarios (each an executor driving a journey), journeys and budgets.
public struct LoadTest: Sendable {
    public var name: String
    /// The file it came from, for messages.
    public var file: String
    /// Headers every request sends unless a step overrides them.
    public var defaultHeaders: [(name: String, value: Template)]
    /// The base URL paths are relative to; `--target` replaces it.
    public var baseURL: String?
    public var data: [String: DataSource]
    public var scenarios: [Scenario]
    public var journeys: [String: Journey]
    public var budgets: [Budget]
}

/// One workload: an executor that starts iterations of a journey.
public struct Scenario: Sendable {
    public var name: String
    public var executor: ExecutorPlan
    public var journey: String
    /// When the scenario starts, from the start of the run.
    public var startTime: Duration
}

/// How a scenario starts iterations. The arrival-rate executors are open-model: iterations start on a fixed
/// timeline whatever the answers take; the VU executors are closed-model: each virtual user starts its next
/// iteration when the last one ended.
public enum ExecutorPlan: Sendable, Hashable {
    /// `rate` iterations per second for `duration`, at most `maxVUs` at a time.
    case constantArrivalRate(rate: Double, duration: Duration, maxVUs: Int)
    /// The rate moves linearly from `startRate` through each stage's target.
    case rampingArrivalRate(startRate: Double, stages: [Stage], maxVUs: Int)
    /// `vus` virtual users looping for `duration`.
    case constantVUs(vus: Int, duration: Duration)
    /// The number of virtual users moves linearly from `startVUs` through each stage's target.
    case rampingVUs(startVUs: Int, stages: [Stage])
    /// `vus` virtual users each running `iterations` iterations, stopping after `maxDuration` in any case.
    case perVUIterations(vus: Int, iterations: Int, maxDuration: Duration)
    /// A recorded timeline (`emporium-load replay`): arrival j starts at `offsets[j]` seconds and runs only
    /// step j of the journey; at most `maxVUs` at a time.
    case replay(offsets: [Double], maxVUs: Int)

    /// A stretch of a ramp: reach `target` over `duration`.
    public struct Stage: Sendable, Hashable {
        public var duration: Duration
        public var target: Double
    }

    /// How long the executor runs at most.
    public var duration: Duration {
        switch self {
        case .constantArrivalRate(_, let duration, _), .constantVUs(_, let duration): duration
        case .rampingArrivalRate(_, let stages, _), .rampingVUs(_, let stages):
            stages.reduce(.zero) { $0 + $1.duration }
        case .perVUIterations(_, _, let maxDuration): maxDuration
        case .replay(let offsets, _): .nanoseconds(Int64((offsets.last ?? 0) * 1e9))
        }
    }

    /// Whether iterations start on a timeline (open model) rather than when the last one ended.
    public var isOpenModel: Bool {
        switch self {
        case .constantArrivalRate, .rampingArrivalRate, .replay: true
        case .constantVUs, .rampingVUs, .perVUIterations: false
        }
    }
}

/// The steps a virtual user takes in one iteration.
public struct Journey: Sendable {
    public var name: String
    public var steps: [Step]
}

/// One step of a journey.
public enum Step: Sendable {
    case request(RequestStep)
    /// A pause, uniformly drawn between the bounds (equal bounds: a fixed pause).
    case think(min: Duration, max: Duration)
}

/// An HTTP request with its checks and extractions.
public struct RequestStep: Sendable {
    public var name: String
    /// Runs only on a virtual user's first iteration (a login).
    public var oncePerVU: Bool
    public var method: String
    public var path: Template
    public var headers: [(name: String, value: Template)]
    public var body: RequestBody?
    public var checks: [Check]
    public var extractions: [Extraction]
}

/// What a request sends.
public enum RequestBody: Sendable {
    case json(JSONTemplate)
    case text(Template)
}

/// A check on an answer; a failed check makes the request count as an error of kind `check failed`.
public enum Check: Sendable, Hashable {
    /// The status is one of these.
    case status([Int])
    /// The body contains this text.
    case bodyContains(String)
}

/// A value taken from an answer into a variable.
public struct Extraction: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// A JSON pointer (RFC 6901) into the body.
        case jsonPointer(String)
        case header(String)
        /// The first capture group of a regular expression over the body, or the whole match without one.
        case regex(String)
    }

    public var variable: String
    public var source: Source
}
