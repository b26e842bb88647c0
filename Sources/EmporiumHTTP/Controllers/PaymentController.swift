import EmporiumCore
import FoundationEssentials
import HTTPTypes
import Hummingbird

/// `POST /webhooks/payments` (the provider's signed events) and `GET /orders/{id}/payment`.
struct PaymentController {
    let shop: Shop

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.post("/webhooks/payments", use: webhook)
        router.get("/orders/{id}/payment", use: payment)
    }

    /// The signature is checked over the raw bytes before the JSON is read; an event seen before is
    /// acknowledged without effect, so the provider's resends (for days, out of order) change nothing.
    @Sendable func webhook(_ request: Request, context: AppRequestContext) async throws -> WebhookReceipt {
        let payload = try await request.rawBody(context: context)
        let event = try shop.webhooks.event(
            from: payload,
            signatureHeader: request.headers[.stripeSignature],
            at: Date()
        )
        let result = try await shop.payments.handle(event)
        return WebhookReceipt(received: true, eventID: event.id, result: result.rawValue)
    }

    @Sendable func payment(_ request: Request, context: AppRequestContext) async throws -> PaymentBody {
        let order = try await OrderAccess(storage: shop.storage).visibleOrder(context)
        guard let intent = try await shop.storage.payments.paymentIntent(orderID: order.id) else {
            throw DomainError(
                .notFound,
                "order \(order.id) has no payment yet",
                details: ["order_id": .string(order.id.description)]
            )
        }
        return PaymentBody(intent)
    }
}

/// The answer to a webhook: what became of the event.
struct WebhookReceipt: ResponseEncodable {
    var received: Bool
    var eventID: String
    /// `applied`, `duplicate` or `ignored`.
    var result: String

    enum CodingKeys: String, CodingKey {
        case received, result
        case eventID = "event_id"
    }
}

extension HTTPField.Name {
    static let stripeSignature = Self("Stripe-Signature")!
}
