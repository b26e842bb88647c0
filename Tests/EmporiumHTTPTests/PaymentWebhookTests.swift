import EmporiumCore
import EmporiumHTTP
import EmporiumIntegrations
import Foundation
import HTTPTypes
import Testing

@Suite("Payments: webhooks and the payment of an order")
struct PaymentWebhookTests {
    /// A Stripe event about an intent, as Stripe sends it.
    static func event(id: String, type: String, intent: String, status: String, amount: Int) -> String {
        #"{"id":"\#(id)","object":"event","type":"\#(type)","created":\#(Int(Date().timeIntervalSince1970)),"data":{"object":{"id":"\#(intent)","object":"payment_intent","amount":\#(amount),"currency":"usd","status":"\#(status)"}}}"#
    }

    func post(_ shop: TestShop, _ body: String, signature: String?) async throws -> APIResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let signature { headers[HTTPField.Name("Stripe-Signature")!] = signature }
        return try await shop.call(.post, "/api/v1/webhooks/payments", body: body, headers: headers)
    }

    /// A bank debit waiting for its webhook: the order, its buyer, the product and the payment intent.
    struct PendingDebit {
        let productID: String
        let buyer: Session
        let orderID: String
        let intentID: String
        let amount: Int
    }

    func pendingDebit(_ shop: TestShop, quantity: Int) async throws -> PendingDebit {
        let seller = try await shop.user(.seller)
        let productID = try await shop.product(by: seller, stock: 5)
        let buyer = try await shop.signUp()
        _ = try await shop.addToCart(buyer, productID, quantity: quantity)
        let order = try await shop.checkout(buyer, paymentMethod: "pm_usBankAccount")
        #expect(order.json["status"] as? String == "pending_payment")
        let payment = try await shop.call(.get, "/api/v1/orders/\(order.id)/payment", token: buyer.accessToken)
        #expect(payment.json["status"] as? String == "processing")
        let amount = (payment.json["amount"] as? [String: Any])?["amount"] as? Int ?? 0
        return PendingDebit(productID: productID, buyer: buyer, orderID: order.id, intentID: payment.id, amount: amount)
    }

    /// Posts an event with a valid signature; returns what the shop made of it.
    func deliver(_ shop: TestShop, _ body: String) async throws -> String? {
        let signature = shop.webhooks.signature.header(for: Array(body.utf8), at: Date())
        let response = try await post(shop, body, signature: signature)
        #expect(response.status == .ok)
        return response.json["result"] as? String
    }

    func status(_ shop: TestShop, _ debit: PendingDebit) async throws -> String? {
        try await shop.call(.get, "/api/v1/orders/\(debit.orderID)", token: debit.buyer.accessToken).json["status"]
            as? String
    }

    @Test("a bank debit stays pending until its signed webhook; resends and late events change nothing")
    func bankDebitSettledByWebhook() async throws {
        try await TestShop.run { shop in
            let debit = try await pendingDebit(shop, quantity: 1)
            let succeeded = Self.event(
                id: "evt_1",
                type: "payment_intent.succeeded",
                intent: debit.intentID,
                status: "succeeded",
                amount: debit.amount
            )
            #expect(try await deliver(shop, succeeded) == "applied")
            #expect(try await status(shop, debit) == "paid")
            #expect(try await shop.stock(debit.productID) == (onHand: 4, reserved: 0))
            #expect(try await deliver(shop, succeeded) == "duplicate")
            let late = Self.event(
                id: "evt_0",
                type: "payment_intent.processing",
                intent: debit.intentID,
                status: "processing",
                amount: debit.amount
            )
            #expect(try await deliver(shop, late) == "ignored")
            #expect(try await status(shop, debit) == "paid")
        }
    }

    @Test("a failed bank debit releases the stock")
    func bankDebitFails() async throws {
        try await TestShop.run { shop in
            let debit = try await pendingDebit(shop, quantity: 3)
            let failed = Self.event(
                id: "evt_f",
                type: "payment_intent.payment_failed",
                intent: debit.intentID,
                status: "requires_payment_method",
                amount: debit.amount
            )
            #expect(try await deliver(shop, failed) == "applied")
            #expect(try await status(shop, debit) == "payment_failed")
            #expect(try await shop.stock(debit.productID) == (onHand: 5, reserved: 0))
        }
    }

    @Test("unsigned, wrongly signed, stale and malformed webhooks are refused before anything happens")
    func badSignatures() async throws {
        try await TestShop.run { shop in
            let body = Self.event(
                id: "evt_x",
                type: "payment_intent.succeeded",
                intent: "pi_x",
                status: "succeeded",
                amount: 1
            )
            let bytes = Array(body.utf8)
            let stale = shop.webhooks.signature.header(for: bytes, at: Date().addingTimeInterval(-301))
            let other = StripeWebhookSignatureFactory.header(secret: "whsec_other", body: bytes)
            let cases: [(String?, String)] = [
                (nil, "missing"), ("t=1,v1=", "empty"), (stale, "stale"), (other, "other secret"),
                ("garbage", "garbage"),
            ]
            for (signature, name) in cases {
                let response = try await post(shop, body, signature: signature)
                #expect(response.status == .badRequest, "\(name)")
                #expect(response.errorCode == "invalid_signature", "\(name)")
            }
            let tampered = try await post(
                shop,
                body.replacingOccurrences(of: "\"amount\":1", with: "\"amount\":2"),
                signature: shop.webhooks.signature.header(for: bytes, at: Date())
            )
            #expect(tampered.errorCode == "invalid_signature")
            let malformed = "{\"id\": 1}"
            let response = try await post(
                shop,
                malformed,
                signature: shop.webhooks.signature.header(for: Array(malformed.utf8), at: Date())
            )
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_input")
        }
    }
}

/// Signs with another secret than the shop's.
enum StripeWebhookSignatureFactory {
    static func header(secret: String, body: [UInt8]) -> String {
        EmporiumIntegrations.StripeWebhookSignature(secret: secret).header(for: body, at: Date())
    }
}
