/// Why requests of a step failed: the reason, how often, the start of one answer and its trace.
public struct FailureExample: Sendable, Hashable, Codable {
    public var scenario: String
    public var step: String
    public var kind: RequestFailure
    /// What went wrong, such as `status 409, expected 201`.
    public var reason: String
    /// The start of the first such answer's body, when there was one.
    public var body: String?
    public var count: Int
    /// The trace of the first such request.
    public var traceID: String

    enum CodingKeys: String, CodingKey {
        case scenario, step, kind, reason, body, count
        case traceID = "trace_id"
    }
}

/// The reasons requests failed, at most `capacity` different ones, each with its first example; further
/// requests failing for a known reason are counted.
struct FailureExamples: Sendable {
    private struct Key: Hashable {
        var scenario: String
        var step: String
        var reason: String
    }

    let capacity: Int
    private var examples: [Key: FailureExample] = [:]
    private var order: [Key] = []

    init(capacity: Int = 20) {
        self.capacity = capacity
    }

    /// The examples in the order their reasons first appeared.
    var all: [FailureExample] { order.compactMap { examples[$0] } }

    mutating func offer(_ example: FailureExample) {
        let key = Key(scenario: example.scenario, step: example.step, reason: example.reason)
        if examples[key] != nil {
            examples[key]?.count += example.count
        } else if order.count < capacity {
            examples[key] = example
            order.append(key)
        }
    }
}
