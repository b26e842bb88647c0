import EmporiumCore
import EmporiumIntegrations
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Stripe gateway against a server that answers as Stripe documents")
struct StripeGatewayTests {
    static let order = Order(
        userID: Identifier(),
        status: .pendingPayment,
        lines: [],
        totals: try! OrderTotals(
            subtotal: Money(2_000, .usd),
            discount: .zero(.usd),
            shipping: Money(499, .usd),
            tax: .zero(.usd)
        ),
        promoCode: nil,
        shippingAddress: ShippingAddress(name: "A", line1: "B", city: "C", postalCode: "D", country: "US"),
        paymentMethod: "pm_card_visa",
        createdAt: Date()
    )

    /// Runs `body` with a gateway pointed at a fresh fake.
    func withStripe(_ body: @escaping @Sendable (StripePaymentGateway, StripeFake.Ledger) async throws -> Void)
        async throws
    {
        let ledger = StripeFake.Ledger()
        let app = Application(router: StripeFake.router(ledger: ledger))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let gateway = StripePaymentGateway(
                configuration: .init(apiKey: StripeFake.apiKey, baseURL: "http://localhost:\(port)/")
            )
            try await body(gateway, ledger)
        }
    }

    @Test("a payment is one confirmed PaymentIntent, form-encoded, with the order in its metadata")
    func payment() async throws {
        try await withStripe { gateway, ledger in
            let intent = try await gateway.createPayment(
                for: Self.order,
                paymentMethod: "pm_card_visa",
                idempotencyKey: "order-1"
            )
            #expect(intent.status == .succeeded)
            #expect(intent.id.hasPrefix("pi_fake_"))
            #expect(intent.amount == Money(2_499, .usd))
            let request = try #require(await ledger.requests.first)
            #expect(request.form["amount"] == "2499")
            #expect(request.form["currency"] == "usd")
            #expect(request.form["confirm"] == "true")
            #expect(request.form["metadata[order_id]"] == Self.order.id.description)
            #expect(request.idempotencyKey == "order-1")
        }
    }

    @Test("a retried call with the same key returns the first PaymentIntent")
    func idempotentRetry() async throws {
        try await withStripe { gateway, _ in
            let first = try await gateway.createPayment(
                for: Self.order,
                paymentMethod: "pm_card_visa",
                idempotencyKey: "order-2"
            )
            let again = try await gateway.createPayment(
                for: Self.order,
                paymentMethod: "pm_card_visa",
                idempotencyKey: "order-2"
            )
            #expect(first.id == again.id)
        }
    }

    @Test("a decline (HTTP 402) is an answer: the intent needs another payment method, with the decline code")
    func decline() async throws {
        try await withStripe { gateway, _ in
            let intent = try await gateway.createPayment(
                for: Self.order,
                paymentMethod: "pm_card_chargeDeclined",
                idempotencyKey: "order-3"
            )
            #expect(intent.status == .requiresPaymentMethod)
            #expect(intent.failureCode == "generic_decline")
        }
    }

    @Test("Stripe failing, a wrong key or no server at all is a PaymentGatewayError")
    func failures() async throws {
        try await withStripe { gateway, _ in
            await #expect(throws: PaymentGatewayError.self) {
                try await gateway.createPayment(
                    for: Self.order,
                    paymentMethod: "pm_card_outage",
                    idempotencyKey: "order-4"
                )
            }
            let wrongKey = StripePaymentGateway(
                configuration: .init(apiKey: "sk_test_wrong", baseURL: gateway.configuration.baseURL)
            )
            await #expect(throws: PaymentGatewayError.self) {
                try await wrongKey.createPayment(
                    for: Self.order,
                    paymentMethod: "pm_card_visa",
                    idempotencyKey: "order-5"
                )
            }
        }
        let nowhere = StripePaymentGateway(
            configuration: .init(apiKey: "k", baseURL: "http://127.0.0.1:9", timeout: .seconds(2))
        )
        await #expect(throws: PaymentGatewayError.self) {
            try await nowhere.createPayment(for: Self.order, paymentMethod: "pm_card_visa", idempotencyKey: "order-6")
        }
    }

    @Test("a refund names the intent and the amount, once per key")
    func refund() async throws {
        try await withStripe { gateway, ledger in
            let reference = try await gateway.refund(
                paymentIntentID: "pi_1",
                amount: Money(700, .usd),
                idempotencyKey: "refund-1"
            )
            #expect(reference.hasPrefix("re_fake_"))
            #expect(
                try await gateway.refund(paymentIntentID: "pi_1", amount: Money(700, .usd), idempotencyKey: "refund-1")
                    == reference
            )
            let request = try #require(await ledger.requests.last)
            #expect(request.form == ["payment_intent": "pi_1", "amount": "700"])
        }
    }
}
