/// Sends finished spans somewhere; the ``BatchSpanProcessor`` calls it with one batch at a time, never
/// concurrently.
public protocol SpanExporter: Sendable {
    /// Exports `spans`, retrying as the protocol allows; throws when the batch could not be delivered.
    /// - Returns: how many spans the receiver accepted and how many it rejected.
    func export(_ spans: [FinishedSpan]) async throws -> ExportOutcome

    /// Releases connections; called once, after the last export.
    func shutdown() async
}

/// What the receiver did with a delivered batch.
public struct ExportOutcome: Sendable, Equatable {
    public var accepted: Int
    /// Spans the receiver refused in a partial success; they are counted, not retried.
    public var rejected: Int

    public init(accepted: Int, rejected: Int = 0) {
        self.accepted = accepted
        self.rejected = rejected
    }
}

/// Why an export failed for good.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Reason: Hashable, Sendable {
        let rawValue: String
        public static let timeout = Reason(rawValue: "timeout")
        public static let rejected = Reason(rawValue: "rejected")
        public static let transport = Reason(rawValue: "transport")
        public static let retriesExhausted = Reason(rawValue: "retries_exhausted")
    }

    public var reason: Reason
    public var message: String

    public init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}
