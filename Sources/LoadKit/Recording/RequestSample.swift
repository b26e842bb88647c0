/// Where a request belongs: its scenario, journey and step.
public struct SeriesKey: Sendable, Hashable, Comparable {
    public var scenario: String
    public var journey: String
    public var step: String

    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        (lhs.scenario, lhs.journey, lhs.step) < (rhs.scenario, rhs.journey, rhs.step)
    }
}

/// Why a request counts as failed.
public enum RequestFailure: String, Sendable, Hashable, CaseIterable, Codable {
    /// No answer within the timeout.
    case timeout
    /// The connection could not be opened.
    case connectRefused = "connect_refused"
    /// The connection broke while the request was on it.
    case reset
    /// A 5xx or, without a status check, a 4xx answer.
    case httpError = "http_error"
    /// The answer failed a check of the step.
    case checkFailed = "check_failed"
    /// A variable the request needs has no value (an earlier extraction failed).
    case missingVariable = "missing_variable"
}

/// One request as measured.
struct RequestSample: Sendable {
    var key: SeriesKey
    /// When the iteration was meant to start, on the executor's timeline, plus the time its earlier steps took:
    /// latency from here includes any wait the generator imposed (coordinated-omission corrected).
    var intendedStart: ContinuousClock.Instant
    /// When the request was actually sent.
    var sent: ContinuousClock.Instant
    var ended: ContinuousClock.Instant
    /// From sending to the answer's first byte.
    var timeToFirstByte: Duration?
    /// Opening the connection, when this request opened one.
    var connect: Duration?
    var status: Int?
    var failure: RequestFailure?
    /// Why it failed, such as `status 409, expected 201`.
    var failureReason: String?
    /// The start of the answer's body, when a failed request had an answer.
    var failureBody: String?
    var checksPassed: Int
    var checksFailed: Int
    var traceID: String
}
