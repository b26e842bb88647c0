/// One of the slowest requests of a run, with the trace that explains it.
public struct SlowRequest: Sendable, Hashable, Codable {
    public var scenario: String
    public var step: String
    /// From the intended start.
    public var latencyMilliseconds: Double
    public var status: Int?
    public var traceID: String
    /// Seconds from the start of the run.
    public var at: Double

    enum CodingKeys: String, CodingKey {
        case scenario, step, status, at
        case latencyMilliseconds = "latency_ms"
        case traceID = "trace_id"
    }
}

/// The slowest requests so far, at most `capacity`, slowest first.
struct SlowestRequests: Sendable {
    let capacity: Int
    private(set) var requests: [SlowRequest] = []

    init(capacity: Int = 20) {
        self.capacity = capacity
    }

    mutating func offer(_ request: SlowRequest) {
        guard requests.count < capacity || request.latencyMilliseconds > (requests.last?.latencyMilliseconds ?? 0)
        else {
            return
        }
        let index = requests.firstIndex { $0.latencyMilliseconds < request.latencyMilliseconds } ?? requests.endIndex
        requests.insert(request, at: index)
        if requests.count > capacity { requests.removeLast() }
    }
}
