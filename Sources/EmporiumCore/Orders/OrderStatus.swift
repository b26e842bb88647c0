/// Where an order is in its life. See ``OrderStateMachine`` for the legal transitions.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pendingPayment = "pending_payment"
    case paid
    case shipped
    case delivered
    case paymentFailed = "payment_failed"
    case canceled
    /// Part of the captured amount was refunded after delivery; more may follow.
    case partiallyRefunded = "partially_refunded"
    /// The whole captured amount was refunded.
    case refunded

    /// States no command leaves.
    public var isTerminal: Bool { [.paymentFailed, .canceled, .refunded].contains(self) }
}
