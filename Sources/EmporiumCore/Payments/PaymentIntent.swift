public import FoundationEssentials

/// A payment intent's state, as in Stripe's PaymentIntents. Terminal states (`succeeded`, `canceled`) are never
/// left.
public enum PaymentIntentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case requiresPaymentMethod = "requires_payment_method"
    case requiresConfirmation = "requires_confirmation"
    case requiresAction = "requires_action"
    case processing
    case succeeded
    case canceled

    /// True for `succeeded` and `canceled`.
    public var isTerminal: Bool { self == .succeeded || self == .canceled }

    /// Whether the intent may move from this state to `next`.
    ///
    /// A declined card returns the intent to `requires_payment_method`; any live state may be canceled.
    public func canMove(to next: PaymentIntentStatus) -> Bool {
        guard !isTerminal else { return false }
        switch (self, next) {
        case (_, .canceled): return true
        case (.requiresPaymentMethod, .requiresConfirmation): return true
        case (.requiresConfirmation, .requiresAction), (.requiresConfirmation, .processing): return true
        case (.requiresAction, .processing), (.requiresAction, .requiresPaymentMethod): return true
        case (.processing, .succeeded), (.processing, .requiresPaymentMethod): return true
        case (.requiresConfirmation, .succeeded), (.requiresConfirmation, .requiresPaymentMethod): return true
        default: return false
        }
    }
}

/// The payment of an order at the gateway.
public struct PaymentIntent: Sendable, Hashable, Identifiable {
    /// The gateway's id (`pi_...`).
    public var id: String
    public var orderID: Identifier<Order>
    public var amount: Money
    public var status: PaymentIntentStatus
    /// The gateway's reason for the last failure (`card_declined`, `insufficient_funds`).
    public var failureCode: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an intent.
    public init(
        id: String,
        orderID: Identifier<Order>,
        amount: Money,
        status: PaymentIntentStatus,
        failureCode: String? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.orderID = orderID
        self.amount = amount
        self.status = status
        self.failureCode = failureCode
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Moves the intent to a new state.
    /// - Throws: ``DomainError/Code/illegalTransition`` when ``PaymentIntentStatus/canMove(to:)`` says no.
    public mutating func move(to next: PaymentIntentStatus, at now: Date) throws(DomainError) {
        guard status.canMove(to: next) else {
            throw DomainError(
                .illegalTransition,
                "a payment that is \(status.rawValue) cannot become \(next.rawValue)",
                details: ["status": .string(status.rawValue), "requested": .string(next.rawValue)]
            )
        }
        status = next
        updatedAt = now
    }
}

/// Money returned to a customer for an order.
public struct Refund: Sendable, Hashable, Identifiable {
    public var id: Identifier<Refund>
    public var orderID: Identifier<Order>
    public var amount: Money
    /// The gateway's refund id (`re_...`), once it accepted the refund.
    public var gatewayReference: String?
    public var reason: String?
    public var createdAt: Date

    /// Creates a refund record.
    public init(
        id: Identifier<Refund> = .init(),
        orderID: Identifier<Order>,
        amount: Money,
        gatewayReference: String?,
        reason: String?,
        createdAt: Date
    ) {
        self.id = id
        self.orderID = orderID
        self.amount = amount
        self.gatewayReference = gatewayReference
        self.reason = reason
        self.createdAt = createdAt
    }
}
