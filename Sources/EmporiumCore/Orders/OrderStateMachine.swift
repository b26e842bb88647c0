/// The order life cycle as a value type: each command either moves the order and returns the actions the caller
/// must carry out (stock, payment, events), or throws because the transition is illegal.
///
/// ```
/// pending_payment ─payment succeeded─▶ paid ─ship─▶ shipped ─deliver─▶ delivered ─refund─▶ (partially_)refunded
///        │ payment failed ▶ payment_failed       │ cancel ▶ canceled (refund, restock)
///        │ cancel ▶ canceled (release reservation)
/// ```
public struct OrderStateMachine: Sendable, Hashable {
    /// Something the order asks of the world.
    public enum Command: Sendable, Hashable {
        case paymentSucceeded
        case paymentFailed
        case cancel
        case ship
        case deliver
        /// Refund part or all of what remains of the captured amount.
        case refund(Money)
    }

    /// What the caller must do after a transition, in order.
    public enum Action: Sendable, Hashable {
        /// Turn the reservation into a sale: on hand and reserved both go down.
        case commitReservedStock
        /// Give reserved units back to the available stock.
        case releaseReservedStock
        /// Put sold units back on hand.
        case restock
        /// Return money to the customer through the gateway.
        case refundPayment(Money)
        /// Record a domain event in the outbox.
        case publish(OrderEventKind)
    }

    public private(set) var status: OrderStatus
    /// The amount charged, the ceiling of all refunds.
    public let captured: Money
    public private(set) var refunded: Money

    /// Creates the machine for an order's current state.
    public init(status: OrderStatus, captured: Money, refunded: Money) {
        self.status = status
        self.captured = captured
        self.refunded = refunded
    }

    /// Applies a command.
    /// - Returns: the actions to perform, in order.
    /// - Throws: ``DomainError/Code/illegalTransition`` naming the status and command, or
    ///   ``DomainError/Code/refundExceedsCaptured`` when a refund asks for more than remains.
    public mutating func handle(_ command: Command) throws(DomainError) -> [Action] {
        switch (status, command) {
        case (.pendingPayment, .paymentSucceeded):
            status = .paid
            return [.commitReservedStock, .publish(.paid)]
        case (.pendingPayment, .paymentFailed):
            status = .paymentFailed
            return [.releaseReservedStock, .publish(.paymentFailed)]
        case (.pendingPayment, .cancel):
            status = .canceled
            return [.releaseReservedStock, .publish(.canceled)]
        case (.paid, .cancel):
            status = .canceled
            let remaining = try captured.subtracting(refunded)
            refunded = captured
            return [.refundPayment(remaining), .restock, .publish(.canceled)]
        case (.paid, .ship):
            status = .shipped
            return [.publish(.shipped)]
        case (.shipped, .deliver):
            status = .delivered
            return [.publish(.delivered)]
        case (.delivered, .refund(let amount)), (.partiallyRefunded, .refund(let amount)):
            return try refund(amount)
        default:
            throw DomainError(
                .illegalTransition,
                "an order that is \(status.rawValue) cannot \(command.name)",
                details: ["status": .string(status.rawValue), "command": .string(command.name)]
            )
        }
    }

    private mutating func refund(_ amount: Money) throws(DomainError) -> [Action] {
        guard amount.amount > 0 else { throw .invalid("amount", "more than zero minor units") }
        let remaining = try captured.subtracting(refunded)
        let afterwards = try refunded.adding(amount)
        guard afterwards.amount <= captured.amount else {
            throw DomainError(
                .refundExceedsCaptured,
                "a refund of \(amount) is more than the \(remaining) that remains of the captured amount",
                details: ["remaining": .integer(remaining.amount), "requested": .integer(amount.amount)]
            )
        }
        refunded = afterwards
        status = afterwards == captured ? .refunded : .partiallyRefunded
        return [.refundPayment(amount), .publish(.refunded)]
    }
}

extension OrderStateMachine.Command {
    /// The command's name in messages: `cancel`, `ship`, `refund`.
    public var name: String {
        switch self {
        case .paymentSucceeded: "succeed payment"
        case .paymentFailed: "fail payment"
        case .cancel: "cancel"
        case .ship: "ship"
        case .deliver: "deliver"
        case .refund: "refund"
        }
    }
}
