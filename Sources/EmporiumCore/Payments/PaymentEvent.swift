public import FoundationEssentials

/// A payment provider's notification about one of its payment intents, after its signature was verified.
public struct PaymentEvent: Sendable, Hashable {
    /// The provider's event id (`evt_…`); providers resend events, so it is the deduplication key.
    public var id: String
    /// The event type, for example `payment_intent.succeeded`.
    public var type: String
    /// The intent the event is about (`pi_…`).
    public var intentID: String
    /// The intent's state as the event reports it.
    public var status: PaymentIntentStatus
    /// Why a payment failed (`card_declined`), when it did.
    public var failureCode: String?

    /// Creates an event.
    public init(id: String, type: String, intentID: String, status: PaymentIntentStatus, failureCode: String? = nil) {
        self.id = id
        self.type = type
        self.intentID = intentID
        self.status = status
        self.failureCode = failureCode
    }
}

/// What became of a webhook event.
public enum PaymentEventResult: String, Sendable, Hashable {
    /// The intent (and its order) moved.
    case applied
    /// The event id was handled before.
    case duplicate
    /// Nothing to do: an unknown intent, or one already in a final state (events arrive out of order).
    case ignored
}

/// Reads a payment provider's webhook: checks its signature over the raw body, before anything parses it, then
/// decodes the event.
public protocol PaymentWebhookReading: Sendable {
    /// - Throws: ``DomainError/Code/invalidSignature`` when the signature header is missing, malformed, too old,
    ///   or no signature in it matches; ``DomainError/Code/invalidInput`` naming the field when the signed body
    ///   is not an event.
    func event(from payload: [UInt8], signatureHeader: String?, at now: Date) throws -> PaymentEvent
}

/// A payment provider could not be reached or answered with a failure of its own (not a decline).
public struct PaymentGatewayError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for logs.
    public var reason: String

    /// Creates an error.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "payment gateway: \(reason)" }
}
