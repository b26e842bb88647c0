import CoreMetrics
public import FoundationEssentials
import Tracing

/// Charges orders through the ``PaymentGateway`` and moves them with the gateway's answers, at checkout and
/// when webhooks arrive.
///
/// Each order is charged under the gateway idempotency key `order-{id}`, so charging again (a retried checkout,
/// two requests at once) returns the first payment instead of a second charge. Outcomes are counted in
/// `emporium_payments_total{outcome}`: `succeeded`, `declined`, `processing` or `error`.
public struct PaymentService: Sendable {
    /// The swift-metrics label of the outcome counter.
    public static let outcomeLabel = "emporium.payments"
    /// The values of `emporium_payments_total`'s `outcome`.
    public static let outcomes = ["succeeded", "declined", "processing", "error"]

    let orders: any OrderRepository
    let payments: any PaymentRepository
    let gateway: any PaymentGateway
    let orderService: OrderService
    let now: @Sendable () -> Date

    /// Creates the service.
    public init(storage: Storage, gateway: any PaymentGateway, now: @escaping @Sendable () -> Date = { Date() }) {
        self.orders = storage.orders
        self.payments = storage.payments
        self.gateway = gateway
        self.orderService = OrderService(storage: storage, gateway: gateway, now: now)
        self.now = now
    }

    /// Charges an order that awaits payment and applies the result; an order in any other state is returned
    /// as it is.
    /// - Returns: the order afterwards, still `pending_payment` when the gateway failed or the payment is
    ///   processing (a webhook finishes it).
    public func charge(_ order: Order) async throws -> Order {
        guard order.status == .pendingPayment else { return order }
        let intent: PaymentIntent
        do {
            intent = try await withSpan("payment gateway create", ofKind: .client) { span in
                span.attributes["payment.method"] = order.paymentMethod
                span.attributes["emporium.order.id"] = order.id.description
                return try await gateway.createPayment(
                    for: order,
                    paymentMethod: order.paymentMethod,
                    idempotencyKey: "order-\(order.id)"
                )
            }
        } catch {
            count("error")
            throw DomainError(
                .paymentGatewayUnavailable,
                "the payment provider did not answer; the order is kept and can be paid by retrying the request",
                details: ["order_id": .string(order.id.description)]
            )
        }
        try await payments.save(intent)
        count(Self.outcome(of: intent.status))
        return try await apply(intent.status, to: order.id)
    }

    /// Applies a verified webhook event once.
    public func handle(_ event: PaymentEvent) async throws -> PaymentEventResult {
        guard try await !payments.isWebhookEventRecorded(id: event.id) else { return .duplicate }
        let result = try await apply(event)
        try await payments.recordWebhookEvent(id: event.id, type: event.type, at: now())
        return result
    }

    private func apply(_ event: PaymentEvent) async throws -> PaymentEventResult {
        guard var intent = try await payments.paymentIntent(id: event.intentID), intent.status != event.status,
            intent.status.canMove(to: event.status)
        else { return .ignored }
        try intent.move(to: event.status, at: now())
        intent.failureCode = event.failureCode
        try await payments.save(intent)
        if event.status != .processing { count(Self.outcome(of: event.status)) }
        _ = try await apply(event.status, to: intent.orderID)
        return .applied
    }

    /// Moves a pending order by its payment's state; a concurrent change (the webhook and the checkout answer
    /// racing) is not an error: the order is read again.
    private func apply(_ status: PaymentIntentStatus, to orderID: Identifier<Order>) async throws -> Order {
        let command: OrderStateMachine.Command? =
            switch status {
            case .succeeded: .paymentSucceeded
            case .requiresPaymentMethod: .paymentFailed
            case .canceled: .cancel
            case .requiresConfirmation, .requiresAction, .processing: nil
            }
        guard let order = try await orders.order(id: orderID) else { throw DomainError.notFound("Order", "\(orderID)") }
        guard let command, order.status == .pendingPayment else { return order }
        do {
            return try await orderService.handle(command, orderID: orderID)
        } catch let error as DomainError where error.code == .illegalTransition {
            return try await orders.order(id: orderID) ?? order
        }
    }

    private static func outcome(of status: PaymentIntentStatus) -> String {
        switch status {
        case .succeeded: "succeeded"
        case .requiresPaymentMethod, .canceled: "declined"
        case .processing, .requiresAction, .requiresConfirmation: "processing"
        }
    }

    private func count(_ outcome: String) {
        Counter(label: Self.outcomeLabel, dimensions: [("outcome", outcome)]).increment()
    }
}
