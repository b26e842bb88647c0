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

    @Test("a bank debit stays pending until its signed webhook; resends and late events change nothing")
    func bankDebitSettledByWebhook() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            let order = try await shop.checkout(buyer, paymentMethod: "pm_usBankAccount")
            #expect(order.json["status"] as? String == "pending_payment")
            let payment = try await shop.call(.get, "/api/v1/orders/\(order.id)/payment", token: buyer.accessToken)
            #expect(payment.json["status"] as? String == "processing")
            let intent = payment.id
            let amount = (payment.json["amount"] as? [String: Any])?["amount"] as? Int ?? 0

            let succeeded = Self.event(
                id: "evt_1",
                type: "payment_intent.succeeded",
                intent: intent,
                status: "succeeded",
                amount: amount
            )
            let signature = shop.webhooks.signature.header(for: Array(succeeded.utf8), at: Date())
            let applied = try await post(shop, succeeded, signature: signature)
            #expect(applied.status == .ok)
            #expect(applied.json["result"] as? String == "applied")
            #expect(
                try await shop.call(.get, "/api/v1/orders/\(order.id)", token: buyer.accessToken).json["status"]
                    as? String == "paid"
            )
            #expect(try await shop.stock(id) == (onHand: 4, reserved: 0))

            #expect(try await post(shop, succeeded, signature: signature).json["result"] as? String == "duplicate")
            let late = Self.event(
                id: "evt_0",
                type: "payment_intent.processing",
                intent: intent,
                status: "processing",
                amount: amount
            )
            let lateResult = try await post(
                shop,
                late,
                signature: shop.webhooks.signature.header(for: Array(late.utf8), at: Date())
            )
            #expect(lateResult.json["result"] as? String == "ignored")
            #expect(
                try await shop.call(.get, "/api/v1/orders/\(order.id)", token: buyer.accessToken).json["status"]
                    as? String == "paid"
            )
        }
    }

    @Test("a failed bank debit releases the stock")
    func bankDebitFails() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id, quantity: 3)
            let order = try await shop.checkout(buyer, paymentMethod: "pm_usBankAccount")
            let intent = try await shop.call(.get, "/api/v1/orders/\(order.id)/payment", token: buyer.accessToken).id
            let failed = Self.event(
                id: "evt_f",
                type: "payment_intent.payment_failed",
                intent: intent,
                status: "requires_payment_method",
                amount: 1
            )
            let result = try await post(
                shop,
                failed,
                signature: shop.webhooks.signature.header(for: Array(failed.utf8), at: Date())
            )
            #expect(result.json["result"] as? String == "applied")
            #expect(
                try await shop.call(.get, "/api/v1/orders/\(order.id)", token: buyer.accessToken).json["status"]
                    as? String == "payment_failed"
            )
            #expect(try await shop.stock(id) == (onHand: 5, reserved: 0))
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
