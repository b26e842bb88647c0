public import AsyncHTTPClient
public import EmporiumCore
import Foundation
import NIOCore
import NIOHTTP1

/// Payments through Stripe's REST API: a PaymentIntent created and confirmed in one call, refunds, both
/// form-encoded with an `Idempotency-Key`, so a retried call never charges or refunds twice.
///
/// A card decline (HTTP 402) is an answer, not an error: the intent comes back `requires_payment_method` with
/// the decline code. Rate limits, server errors and network failures throw ``PaymentGatewayError``.
///
/// ```swift
/// let stripe = StripePaymentGateway(configuration: .init(apiKey: secretKey))
/// let intent = try await stripe.createPayment(for: order, paymentMethod: "pm_card_visa", idempotencyKey: "order-…")
/// ```
public struct StripePaymentGateway: PaymentGateway {
    /// Where and how to reach Stripe.
    public struct Configuration: Sendable {
        /// The secret key (`sk_test_…` or `sk_live_…`).
        public var apiKey: String
        /// `https://api.stripe.com`, or a local server that answers as Stripe does.
        public var baseURL: String
        /// The longest a call may take.
        public var timeout: Duration

        /// Creates the configuration.
        public init(apiKey: String, baseURL: String = "https://api.stripe.com", timeout: Duration = .seconds(20)) {
            self.apiKey = apiKey
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.timeout = timeout
        }
    }

    /// Where and how Stripe is reached.
    public let configuration: Configuration
    let client: HTTPClient

    /// Creates the gateway.
    public init(configuration: Configuration, client: HTTPClient = .shared) {
        self.configuration = configuration
        self.client = client
    }

    public func createPayment(for order: Order, paymentMethod: String, idempotencyKey: String) async throws
        -> PaymentIntent
    {
        let form: [(String, String)] = [
            ("amount", "\(order.totals.total.amount)"), ("currency", order.totals.total.currency.code.lowercased()),
            ("payment_method", paymentMethod), ("confirm", "true"),
            ("automatic_payment_methods[enabled]", "true"), ("automatic_payment_methods[allow_redirects]", "never"),
            ("metadata[order_id]", order.id.description),
        ]
        let (status, body) = try await post("/v1/payment_intents", form: form, idempotencyKey: idempotencyKey)
        let decoder = JSONDecoder()
        let stripeIntent: StripePaymentIntent
        switch status {
        case 200:
            stripeIntent = try decode(StripePaymentIntent.self, from: body, decoder)
        case 402:
            let failure = try decode(StripeErrorBody.self, from: body, decoder).error
            guard var declined = failure.paymentIntent else {
                throw PaymentGatewayError("Stripe declined without a payment intent: \(failure.message ?? "")")
            }
            declined.lastPaymentError = .init(code: failure.code, declineCode: failure.declineCode)
            stripeIntent = declined
        default:
            throw Self.failure(status, body)
        }
        guard let intentStatus = PaymentIntentStatus(rawValue: stripeIntent.status) else {
            throw PaymentGatewayError("Stripe answered an unknown payment intent status \"\(stripeIntent.status)\"")
        }
        return PaymentIntent(
            id: stripeIntent.id,
            orderID: order.id,
            amount: order.totals.total,
            status: intentStatus,
            failureCode: stripeIntent.failureCode,
            createdAt: Date()
        )
    }

    public func refund(paymentIntentID: String, amount: Money, idempotencyKey: String) async throws -> String {
        let form = [("payment_intent", paymentIntentID), ("amount", "\(amount.amount)")]
        let (status, body) = try await post("/v1/refunds", form: form, idempotencyKey: idempotencyKey)
        guard status == 200 else { throw Self.failure(status, body) }
        struct StripeRefund: Decodable { var id: String }
        return try decode(StripeRefund.self, from: body, JSONDecoder()).id
    }

    private func post(_ path: String, form: [(String, String)], idempotencyKey: String) async throws -> (UInt, Data) {
        var request = HTTPClientRequest(url: configuration.baseURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        request.headers.add(name: "Idempotency-Key", value: idempotencyKey)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(form)))
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(configuration.timeout.nanoseconds))
            let body = try await response.body.collect(upTo: 1 << 20)
            return (response.status.code, Data(body.readableBytesView))
        } catch {
            throw PaymentGatewayError("Stripe could not be reached: \(error)")
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from body: Data, _ decoder: JSONDecoder) throws -> Value {
        do {
            return try decoder.decode(type, from: body)
        } catch {
            throw PaymentGatewayError("Stripe answered a body that is not a \(type): \(error)")
        }
    }

    private static func failure(_ status: UInt, _ body: Data) -> PaymentGatewayError {
        let message = (try? JSONDecoder().decode(StripeErrorBody.self, from: body))?.error.message ?? ""
        return PaymentGatewayError("Stripe answered HTTP \(status): \(message)")
    }
}

/// Stripe's error answer: `{"error": {"type", "code", "decline_code", "message", "payment_intent"}}`.
struct StripeErrorBody: Decodable {
    struct Failure: Decodable {
        var code: String?
        var declineCode: String?
        var message: String?
        var paymentIntent: StripePaymentIntent?

        enum CodingKeys: String, CodingKey {
            case code, message
            case declineCode = "decline_code"
            case paymentIntent = "payment_intent"
        }
    }

    var error: Failure
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
