import CoreMetrics
import EmporiumCore
import FoundationEssentials
import HTTPTypes
import Hummingbird
import Metrics

/// `/orders`: checkout, history, cancel, refunds, ship and deliver.
struct OrderController {
    let shop: Shop
    var access: OrderAccess { OrderAccess(storage: shop.storage) }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.post("/orders", use: checkout)
        router.get("/orders", use: history)
        router.get("/orders/{id}", use: order)
        router.post("/orders/{id}/cancel", use: cancel)
        router.post("/orders/{id}/refunds", use: refund)
        router.post("/orders/{id}/ship", use: ship)
        router.post("/orders/{id}/deliver", use: deliver)
    }

    /// Checks out the caller's cart and charges it. The `Idempotency-Key` header is required: a retry with the
    /// same key and body answers the same order (`Idempotent-Replayed: true`) and never charges twice.
    @Sendable func checkout(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<OrderBody> {
        let identity = try context.requireIdentity()
        guard let key = request.headers[.idempotencyKey] else {
            throw DomainError.invalid(
                "Idempotency-Key",
                "the header is required: a unique key per checkout, 1 to 255 characters"
            )
        }
        let body = try await request.decodeJSON(as: CheckoutBody.self, context: context)
        let checkoutRequest = CheckoutRequest(
            userID: identity.userID,
            idempotencyKey: key,
            paymentMethod: body.paymentMethod,
            shippingAddress: body.shippingAddress.address,
            promoCode: body.promoCode
        )
        let (outcome, order) = try await CheckoutMetrics.measure {
            let outcome = try await shop.checkout.checkout(checkoutRequest)
            return (outcome, try await shop.payments.charge(outcome.order))
        }
        let payment = try await shop.storage.payments.paymentIntent(orderID: order.id)
        var headers: HTTPFields = [.location: "/api/v1/orders/\(order.id)"]
        if case .replayed = outcome { headers[.idempotentReplayed] = "true" }
        return EditedResponse(status: .created, headers: headers, response: OrderBody(order, payment: payment))
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> ItemsBody<OrderBody> {
        let identity = try context.requireIdentity()
        let limit = try QueryParameters(request).limit() ?? 20
        let orders = try await shop.storage.orders.orders(of: identity.userID, limit: limit)
        return ItemsBody(items: orders.map { OrderBody($0) })
    }

    @Sendable func order(_ request: Request, context: AppRequestContext) async throws -> OrderBody {
        let order = try await access.visibleOrder(context)
        return OrderBody(order, payment: try await shop.storage.payments.paymentIntent(orderID: order.id))
    }

    /// Cancels an order awaiting payment (its stock is released) or paid (refunded and restocked).
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> OrderBody {
        let order = try await access.visibleOrder(context)
        return OrderBody(try await shop.orders.handle(.cancel, orderID: order.id))
    }

    /// Refunds part or all of what remains of a delivered order's payment (admin or seller).
    @Sendable func refund(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<OrderBody> {
        let order = try await access.fulfilledOrder(context)
        let body = try await request.decodeJSONIfPresent(as: RefundRequest.self, context: context)
        let amount = try body?.amount ?? order.totals.total.subtracting(order.refunded)
        let refunded = try await shop.orders.handle(.refund(amount), orderID: order.id, reason: body?.reason)
        return EditedResponse(status: .created, response: OrderBody(refunded))
    }

    @Sendable func ship(_ request: Request, context: AppRequestContext) async throws -> OrderBody {
        let order = try await access.fulfilledOrder(context)
        return OrderBody(try await shop.orders.handle(.ship, orderID: order.id))
    }

    @Sendable func deliver(_ request: Request, context: AppRequestContext) async throws -> OrderBody {
        let order = try await access.fulfilledOrder(context)
        return OrderBody(try await shop.orders.handle(.deliver, orderID: order.id))
    }
}

/// The checkout's business metrics: `emporium_checkout_duration_seconds`, `emporium_orders_placed_total`,
/// `emporium_order_value` (minor units), `emporium_promo_redemptions_total{code}` and
/// `emporium_stock_conflicts_total`.
enum CheckoutMetrics {
    static let ordersPlacedLabel = "emporium.orders.placed"
    static let stockConflictsLabel = "emporium.stock.conflicts"
    /// Labelled by promo code: codes are the shop's own (checkout refuses unknown ones), so they are few.
    static let promoRedemptionsLabel = "emporium.promo.redemptions"

    static func measure(
        _ body: () async throws -> (PlacementOutcome, Order)
    ) async throws -> (PlacementOutcome, Order) {
        let start = ContinuousClock.now
        do {
            let result = try await body()
            Timer(label: "emporium.checkout.duration").record(duration: ContinuousClock.now - start)
            if case .placed(let order) = result.0 {
                Counter(label: ordersPlacedLabel).increment()
                Recorder(label: "emporium.order.value").record(order.totals.total.amount)
                if let code = order.promoCode {
                    Counter(label: promoRedemptionsLabel, dimensions: [("code", code)]).increment()
                }
            }
            return result
        } catch let error as DomainError where error.code == .outOfStock {
            Counter(label: stockConflictsLabel).increment()
            throw error
        }
    }
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}
