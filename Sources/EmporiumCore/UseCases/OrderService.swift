public import FoundationEssentials

/// Moves orders through their life cycle: payment outcomes, cancel, ship, deliver and refunds. Each change is
/// decided by ``OrderStateMachine``; refunds go through the gateway first, then the order, its stock moves,
/// the refund record and the events are written in one transaction.
public struct OrderService: Sendable {
    let orders: any OrderRepository
    let payments: any PaymentRepository
    let gateway: any PaymentGateway
    let now: @Sendable () -> Date

    /// Creates the service.
    public init(storage: Storage, gateway: any PaymentGateway, now: @escaping @Sendable () -> Date = { Date() }) {
        self.orders = storage.orders
        self.payments = storage.payments
        self.gateway = gateway
        self.now = now
    }

    /// Applies a command to an order.
    /// - Parameters:
    ///   - command: what to do.
    ///   - orderID: the order.
    ///   - reason: kept with a refund.
    /// - Returns: the order after the change.
    /// - Throws: `not_found`, `illegal_transition`, `refund_exceeds_captured`.
    @discardableResult
    public func handle(
        _ command: OrderStateMachine.Command,
        orderID: Identifier<Order>,
        reason: String? = nil
    ) async throws -> Order {
        guard var order = try await orders.order(id: orderID) else {
            throw DomainError.notFound("Order", orderID.description)
        }
        let expectedStatus = order.status
        var machine = order.stateMachine
        let actions = try machine.handle(command)
        // A millisecond after the order's last change at least (the databases keep milliseconds), so an order's
        // events, and the feed made of them, are in the order they happened even when they come that fast.
        let moment = max(now(), order.updatedAt.addingTimeInterval(0.001))
        order.status = machine.status
        order.refunded = machine.refunded
        order.updatedAt = moment
        var refund: Refund?
        for case .refundPayment(let amount) in actions where amount.amount > 0 {
            refund = try await refundThroughGateway(order, amount: amount, reason: reason, at: moment)
        }
        let events = actions.compactMap { action -> OutboxEvent? in
            guard case .publish(let kind) = action else { return nil }
            return .describing(order, kind: kind, at: moment)
        }
        try await orders.apply(
            OrderTransition(
                order: order,
                expectedStatus: expectedStatus,
                actions: actions,
                refund: refund,
                events: events
            )
        )
        return order
    }

    private func refundThroughGateway(
        _ order: Order,
        amount: Money,
        reason: String?,
        at moment: Date
    ) async throws -> Refund {
        guard let intent = try await payments.paymentIntent(orderID: order.id), intent.status == .succeeded else {
            throw DomainError(.illegalTransition, "order \(order.id) has no captured payment to refund")
        }
        // The key names the refunded total after this refund, so a retried call cannot refund twice.
        let key = "refund-\(order.id)-\(order.refunded.amount)"
        let reference = try await gateway.refund(paymentIntentID: intent.id, amount: amount, idempotencyKey: key)
        return Refund(orderID: order.id, amount: amount, gatewayReference: reference, reason: reason, createdAt: moment)
    }
}
