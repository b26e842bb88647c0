public import FoundationEssentials
import Tracing

/// Frees the stock of orders that waited too long for payment: each order still `pending_payment` after the
/// reservation timeout is canceled, which releases its reservation. An order whose payment is processing (a
/// bank debit) keeps waiting for its webhook; one whose payment succeeded but was never applied (the process
/// stopped in between) is marked paid instead.
public struct ReservationSweeper: Sendable {
    let orders: any OrderRepository
    let payments: any PaymentRepository
    let orderService: OrderService
    let timeout: Duration
    let now: @Sendable () -> Date

    /// Creates the sweeper.
    public init(
        storage: Storage,
        gateway: any PaymentGateway,
        timeout: Duration,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.orders = storage.orders
        self.payments = storage.payments
        self.orderService = OrderService(storage: storage, gateway: gateway, now: now)
        self.timeout = timeout
        self.now = now
    }

    /// Settles up to `limit` stale orders; returns how many it changed.
    @discardableResult
    public func sweep(limit: Int = 100) async throws -> Int {
        let cutoff = now().addingTimeInterval(-timeout.timeInterval)
        let stale = try await orders.orders(
            matching: OrderFilter(status: .pendingPayment, placedBefore: cutoff, limit: limit)
        )
        var changed = 0
        for order in stale {
            let status = try await payments.paymentIntent(orderID: order.id)?.status
            guard status != .processing else { continue }
            let command: OrderStateMachine.Command = status == .succeeded ? .paymentSucceeded : .cancel
            do {
                try await withSpan("reservation sweep \(command.name)") { span in
                    span.attributes["emporium.order.id"] = order.id.description
                    try await orderService.handle(command, orderID: order.id)
                }
                changed += 1
            } catch let error as DomainError where error.code == .illegalTransition {
                continue  // a webhook or the customer moved it meanwhile
            }
        }
        return changed
    }
}
