public import EmporiumCore
public import Foundation

/// The part of a Stripe event that Emporium reads: `{"id", "type", "data": {"object": <payment intent>}}`.
struct StripeEvent: Codable {
    var id: String
    var object = "event"
    var type: String
    var created: Int64
    var data: DataField

    struct DataField: Codable {
        var object: StripePaymentIntent
    }
}

/// A Stripe PaymentIntent as the API and events return it (the fields Emporium reads).
struct StripePaymentIntent: Codable {
    var id: String
    var object = "payment_intent"
    var amount: Int64
    var currency: String
    var status: String
    var metadata: [String: String]?
    var lastPaymentError: PaymentError?

    struct PaymentError: Codable {
        var code: String?
        var declineCode: String?

        enum CodingKeys: String, CodingKey {
            case code
            case declineCode = "decline_code"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, object, amount, currency, status, metadata
        case lastPaymentError = "last_payment_error"
    }

    /// The reason for a failed payment: the bank's decline code when there is one.
    var failureCode: String? { lastPaymentError?.declineCode ?? lastPaymentError?.code }
}

/// Reads webhooks in Stripe's format, signed with Stripe's scheme; the simulated gateway writes the same.
///
/// ```swift
/// let webhooks = StripeWebhooks(secret: "whsec_…")
/// let event = try webhooks.event(from: body, signatureHeader: headers["Stripe-Signature"], at: Date())
/// ```
public struct StripeWebhooks: PaymentWebhookReading {
    /// The signature scheme with the endpoint's secret.
    public let signature: StripeWebhookSignature

    /// Creates the reader for an endpoint secret.
    public init(secret: String) {
        self.signature = StripeWebhookSignature(secret: secret)
    }

    public func event(from payload: [UInt8], signatureHeader: String?, at now: Date) throws -> PaymentEvent {
        try signature.verify(payload: payload, signatureHeader: signatureHeader, at: now)
        let event: StripeEvent
        do {
            event = try JSONDecoder().decode(StripeEvent.self, from: Data(payload))
        } catch {
            throw DomainError.invalid("body", "a Stripe event with id, type, created and data.object")
        }
        guard let status = PaymentIntentStatus(rawValue: event.data.object.status) else {
            throw DomainError.invalid(
                "data.object.status",
                "a payment intent status, got \"\(event.data.object.status)\""
            )
        }
        return PaymentEvent(
            id: event.id,
            type: event.type,
            intentID: event.data.object.id,
            status: status,
            failureCode: event.data.object.failureCode
        )
    }

    /// A signed event announcing an intent's new state, as Stripe would send it: the body and its
    /// `Stripe-Signature` header.
    func signedEvent(for intent: PaymentIntent, at time: Date) throws -> (body: [UInt8], signatureHeader: String) {
        let type =
            switch intent.status {
            case .succeeded: "payment_intent.succeeded"
            case .requiresPaymentMethod: "payment_intent.payment_failed"
            case .canceled: "payment_intent.canceled"
            case .processing: "payment_intent.processing"
            case .requiresAction: "payment_intent.requires_action"
            case .requiresConfirmation: "payment_intent.created"
            }
        let event = StripeEvent(
            id: "evt_sim_\(SecretToken.generate().prefix(24))",
            type: type,
            created: Int64(time.timeIntervalSince1970),
            data: .init(object: StripePaymentIntent(intent))
        )
        let body = Array(try JSONEncoder().encode(event))
        return (body, signature.header(for: body, at: time))
    }
}

extension StripePaymentIntent {
    /// The Stripe form of an intent.
    init(_ intent: PaymentIntent) {
        self.init(
            id: intent.id,
            amount: intent.amount.amount,
            currency: intent.amount.currency.code.lowercased(),
            status: intent.status.rawValue,
            metadata: ["order_id": intent.orderID.description],
            lastPaymentError: intent.failureCode.map { PaymentError(code: "card_declined", declineCode: $0) }
        )
    }
}
