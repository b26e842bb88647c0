import AsyncHTTPClient
public import EmporiumCore
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import ServiceLifecycle
import Synchronization

/// The default payment gateway: no network, no card data, Stripe's test payment methods.
///
/// | payment method | result |
/// | --- | --- |
/// | `pm_card_visa`, `pm_card_mastercard`, `pm_card_amex` | `succeeded` |
/// | `pm_card_chargeDeclined` | declined, `card_declined` |
/// | `pm_card_chargeDeclinedInsufficientFunds` | declined, `insufficient_funds` |
/// | `pm_usBankAccount` | `processing`, then `succeeded` by a signed webhook after ``Configuration/settlementDelay`` |
/// | anything else | declined, `invalid_payment_method` |
///
/// Like Stripe, it answers a repeated idempotency key with the first result. Webhooks are sent by ``run()``
/// (add the gateway to the service group) to ``Configuration/webhookURL``, or to the address given later with
/// ``sendWebhooks(to:)`` once the server listens, signed with the endpoint secret.
public final class SimulatedPaymentGateway: PaymentGateway, Service {
    /// How the simulation behaves.
    public struct Configuration: Sendable {
        /// Added to every call, like a provider's network round trip.
        public var latency: Duration = .zero
        /// How long a bank debit stays `processing` before its webhook says `succeeded`.
        public var settlementDelay: Duration = .seconds(2)
        /// Where webhooks are sent (`http://127.0.0.1:8080/api/v1/webhooks/payments`); `nil` keeps bank debits
        /// `processing` until someone posts their webhook.
        public var webhookURL: String?

        /// Creates the configuration.
        public init(latency: Duration = .zero, settlementDelay: Duration = .seconds(2), webhookURL: String? = nil) {
            self.latency = latency
            self.settlementDelay = settlementDelay
            self.webhookURL = webhookURL
        }
    }

    /// How many idempotency keys are remembered; the oldest are forgotten first.
    static let rememberedKeys = 100_000

    private let configuration: Configuration
    private let webhooks: StripeWebhooks
    private let logger: Logger
    private let answered = Mutex(RememberedAnswers())
    private let webhookURL: Mutex<String?>
    private let settlements: AsyncStream<PaymentIntent>
    private let settlementQueue: AsyncStream<PaymentIntent>.Continuation

    /// Creates the gateway.
    /// - Parameter webhooks: signs the webhooks; the webhook endpoint must check them with the same secret.
    public init(configuration: Configuration = Configuration(), webhooks: StripeWebhooks, logger: Logger) {
        self.configuration = configuration
        self.webhooks = webhooks
        self.logger = logger
        self.webhookURL = Mutex(configuration.webhookURL)
        (settlements, settlementQueue) = AsyncStream.makeStream(of: PaymentIntent.self)
    }

    /// Sends the webhooks to this URL from now on (the server's address, once it listens).
    public func sendWebhooks(to url: String) {
        webhookURL.withLock { $0 = url }
    }

    public func createPayment(for order: Order, paymentMethod: String, idempotencyKey: String) async throws
        -> PaymentIntent
    {
        if let earlier = answered.withLock({ $0.intents[idempotencyKey] }) { return earlier }
        try await Task.sleep(for: configuration.latency)
        let (status, failure) = Self.outcome(of: paymentMethod)
        let intent = PaymentIntent(
            id: "pi_sim_\(SecretToken.generate().prefix(24))",
            orderID: order.id,
            amount: order.totals.total,
            status: status,
            failureCode: failure,
            createdAt: Date()
        )
        let first = answered.withLock { $0.remember(intent, for: idempotencyKey) }
        if first == intent, status == .processing { settlementQueue.yield(intent) }
        return first
    }

    public func refund(paymentIntentID: String, amount: Money, idempotencyKey: String) async throws -> String {
        if let earlier = answered.withLock({ $0.refunds[idempotencyKey] }) { return earlier }
        try await Task.sleep(for: configuration.latency)
        let reference = "re_sim_\(SecretToken.generate().prefix(24))"
        return answered.withLock { $0.remember(refund: reference, for: idempotencyKey) }
    }

    /// Settles bank debits: after the settlement delay, each one's `payment_intent.succeeded` webhook is sent.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for await intent in settlements {
                    group.addTask { await self.settle(intent) }
                }
            }
        } onGracefulShutdown: {
            self.settlementQueue.finish()
        }
    }

    private func settle(_ pending: PaymentIntent) async {
        try? await Task.sleep(for: configuration.settlementDelay)
        guard let url = webhookURL.withLock({ $0 }) else { return }
        var intent = pending
        intent.status = .succeeded
        do {
            let (body, signature) = try webhooks.signedEvent(for: intent, at: Date())
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Stripe-Signature", value: signature)
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            guard (200..<300).contains(response.status.code) else {
                throw PaymentGatewayError("webhook answered \(response.status.code)")
            }
        } catch {
            logger.warning(
                "simulated webhook not delivered",
                metadata: ["intent": "\(intent.id)", "error": "\(error)"]
            )
        }
    }

    private static func outcome(of paymentMethod: String) -> (PaymentIntentStatus, String?) {
        switch paymentMethod {
        case "pm_card_visa", "pm_card_mastercard", "pm_card_amex": (.succeeded, nil)
        case "pm_card_chargeDeclined": (.requiresPaymentMethod, "card_declined")
        case "pm_card_chargeDeclinedInsufficientFunds": (.requiresPaymentMethod, "insufficient_funds")
        case "pm_usBankAccount": (.processing, nil)
        default: (.requiresPaymentMethod, "invalid_payment_method")
        }
    }
}

/// The answers given per idempotency key, the oldest forgotten first beyond a limit.
struct RememberedAnswers {
    var intents: [String: PaymentIntent] = [:]
    var refunds: [String: String] = [:]
    private var order: [String] = []
    private var start = 0

    /// Keeps the first answer for a key and returns it.
    mutating func remember(_ intent: PaymentIntent, for key: String) -> PaymentIntent {
        if let earlier = intents[key] { return earlier }
        intents[key] = intent
        note(key)
        return intent
    }

    /// Keeps the first refund reference for a key and returns it.
    mutating func remember(refund reference: String, for key: String) -> String {
        if let earlier = refunds[key] { return earlier }
        refunds[key] = reference
        note(key)
        return reference
    }

    private mutating func note(_ key: String) {
        order.append(key)
        guard order.count - start > SimulatedPaymentGateway.rememberedKeys else { return }
        let oldest = order[start]
        intents[oldest] = nil
        refunds[oldest] = nil
        start += 1
        if start > SimulatedPaymentGateway.rememberedKeys {
            order.removeFirst(start)
            start = 0
        }
    }
}
