import EmporiumCore
import EmporiumHTTP
import EmporiumSQL
import Foundation
import HTTPTypes
import Telemetry
import Testing

@Suite("Orders: checkout, idempotency, history, cancel, fulfilment, refunds")
struct OrderTests {
    @Test("checkout charges the cart, empties it, reserves and sells the stock, and shows in the history")
    func checkout() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, price: 2_000, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id, quantity: 2)
            let order = try await shop.checkout(buyer)
            #expect(order.status == .created)
            #expect(order.json["status"] as? String == "paid")
            // 2 × $20.00, shipping $4.99 below $50, 20 % VAT for GB on both.
            #expect((order.json["total"] as? [String: Any])?["amount"] as? Int == 5_399)
            #expect((order.json["payment"] as? [String: Any])?["status"] as? String == "succeeded")
            #expect(order.headers[.location] == "/api/v1/orders/\(order.id)")
            #expect(try await shop.stock(id) == (onHand: 3, reserved: 0))
            #expect(try await shop.call(.get, "/api/v1/cart", token: buyer.accessToken).items.isEmpty)
            let history = try await shop.call(.get, "/api/v1/orders", token: buyer.accessToken)
            #expect(history.items.map { $0["id"] as? String } == [order.id])
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains("emporium_orders_placed_total 1"))
            #expect(metrics.contains(#"emporium_payments_total{outcome="succeeded"} 1"#))
            #expect(metrics.contains("emporium_checkout_duration_seconds_count 1"))
            #expect(metrics.contains("emporium_order_value_count 1"))
            #expect(
                metrics.contains(#"emporium_order_value_bucket{le="10000.0"} 1"#),
                "$53.99 falls in the $100 bucket"
            )
        }
    }

    @Test("Idempotency-Key: same key and body → same order; other body → 422; no key → 400")
    func idempotency() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            let first = try await shop.checkout(buyer, key: "order-1")
            let replay = try await shop.checkout(buyer, key: "order-1")
            #expect(replay.status == .created)
            #expect(replay.id == first.id)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let other = try await shop.checkout(buyer, key: "order-1", paymentMethod: "pm_card_mastercard")
            #expect(other.status == .unprocessableContent)
            #expect(other.errorCode == "idempotency_key_reused")
            let missing = try await shop.call(
                .post,
                "/api/v1/orders",
                json: ["payment_method": "pm_card_visa"],
                token: buyer.accessToken
            )
            #expect(missing.status == .badRequest)
            #expect(missing.errorField == "Idempotency-Key")
            let tooLong = try await shop.checkout(buyer, key: String(repeating: "k", count: 256))
            #expect(tooLong.errorField == "Idempotency-Key")
            #expect(try await shop.stock(id).onHand == 4)
        }
    }

    @Test("twenty concurrent first uses of one key make one order and one charge")
    func concurrentFirstUse() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            let answers = try await withThrowingTaskGroup(of: APIResponse.self) { group in
                for _ in 0..<20 { group.addTask { try await shop.checkout(buyer, key: "same-key") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let created = answers.filter { $0.status == .created }
            #expect(answers.allSatisfy { $0.status == .created || $0.status == .conflict })
            #expect(Set(created.map(\.id)).count == 1)
            #expect(try await shop.stock(id) == (onHand: 4, reserved: 0))
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains("emporium_orders_placed_total 1"))
        }
    }

    @Test("an empty cart, a short line and a declined card each get their own answer")
    func checkoutRefusals() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 2)
            let buyer = try await shop.signUp()
            #expect(try await shop.checkout(buyer).errorCode == "empty_cart")
            _ = try await shop.addToCart(buyer, id, quantity: 2)
            let rival = try await shop.signUp()
            _ = try await shop.addToCart(rival, id, quantity: 2)
            #expect(try await shop.checkout(rival).json["status"] as? String == "paid")
            let short = try await shop.checkout(buyer)
            #expect(short.status == .conflict)
            #expect(short.errorCode == "out_of_stock")
            let seller2 = try await shop.user(.seller)
            let other = try await shop.product(by: seller2, stock: 2)
            let decliner = try await shop.signUp()
            _ = try await shop.addToCart(decliner, other)
            let declined = try await shop.checkout(decliner, paymentMethod: "pm_card_chargeDeclinedInsufficientFunds")
            #expect(declined.status == .created)
            #expect(declined.json["status"] as? String == "payment_failed")
            #expect((declined.json["payment"] as? [String: Any])?["failure_code"] as? String == "insufficient_funds")
            #expect(try await shop.stock(other) == (onHand: 2, reserved: 0))
            let badAddress = try await shop.call(
                .post,
                "/api/v1/orders",
                json: [
                    "payment_method": "pm_card_visa",
                    "shipping_address": [
                        "name": "A", "line1": "B", "city": "C", "postal_code": "D", "country": "Narnia",
                    ],
                ],
                token: decliner.accessToken,
                headers: [HTTPField.Name("Idempotency-Key")!: "k"]
            )
            #expect(badAddress.errorField == "shipping_address.country")
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains("emporium_stock_conflicts_total 1"))
            #expect(metrics.contains(#"emporium_payments_total{outcome="declined"} 1"#))
        }
    }

    @Test("a promo code takes its share off; an unknown one is refused, naming it, and nothing is ordered")
    func promoCodes() async throws {
        try await TestShop.run { shop in
            try await shop.addPromoCode("WELCOME10", percent: 10)
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, price: 10_000, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            let unknown = try await shop.checkout(buyer, promoCode: "NOSUCHCODE")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorCode == "promo_code_rejected")
            #expect(try await shop.stock(id) == (onHand: 5, reserved: 0))
            let discounted = try await shop.checkout(buyer, promoCode: "welcome10")
            #expect(discounted.json["promo_code"] as? String == "WELCOME10")
            #expect((discounted.json["discount"] as? [String: Any])?["amount"] as? Int == 1_000)
        }
    }

    @Test("another customer's order does not exist for them; a seller sees orders of their products")
    func orderVisibility() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            let order = try await shop.checkout(buyer)
            let stranger = try await shop.signUp()
            for path in ["/api/v1/orders/\(order.id)", "/api/v1/orders/\(order.id)/payment"] {
                let response = try await shop.call(.get, path, token: stranger.accessToken)
                #expect(response.status == .notFound, "\(path)")
            }
            #expect(
                try await shop.call(.post, "/api/v1/orders/\(order.id)/cancel", token: stranger.accessToken).status
                    == .notFound
            )
            #expect(try await shop.call(.get, "/api/v1/orders/\(order.id)", token: seller.accessToken).status == .ok)
            #expect(
                try await shop.call(.get, "/api/v1/orders/\(UUID().uuidString)", token: buyer.accessToken).status
                    == .notFound
            )
        }
    }

    @Test("cancel a paid order: refunded through the gateway and restocked; a shipped one cannot be canceled")
    func cancel() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id, quantity: 2)
            let order = try await shop.checkout(buyer)
            let canceled = try await shop.call(.post, "/api/v1/orders/\(order.id)/cancel", token: buyer.accessToken)
            #expect(canceled.json["status"] as? String == "canceled")
            #expect(
                (canceled.json["refunded"] as? [String: Any])?["amount"] as? Int
                    == (order.json["total"] as? [String: Any])?["amount"] as? Int
            )
            #expect(try await shop.stock(id) == (onHand: 5, reserved: 0))
            let again = try await shop.call(.post, "/api/v1/orders/\(order.id)/cancel", token: buyer.accessToken)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "illegal_transition")
        }
    }

    @Test("ship and deliver by the seller, partial then full refunds by an admin; customers may not fulfil")
    func fulfilmentAndRefunds() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let admin = try await shop.user(.admin)
            let id = try await shop.product(by: seller, price: 10_000, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            let order = try await shop.checkout(buyer)
            let path = "/api/v1/orders/\(order.id)"
            #expect(try await shop.call(.post, "\(path)/ship", token: buyer.accessToken).status == .forbidden)
            #expect(
                try await shop.call(.post, "\(path)/ship", token: seller.accessToken).json["status"] as? String
                    == "shipped"
            )
            #expect(
                try await shop.call(.post, "\(path)/deliver", token: seller.accessToken).json["status"] as? String
                    == "delivered"
            )
            #expect(
                try await shop.call(.post, "\(path)/refunds", json: [:], token: buyer.accessToken).status == .forbidden
            )
            let partial = try await shop.call(
                .post,
                "\(path)/refunds",
                json: ["amount": ["amount": 2_500, "currency": "USD"], "reason": "scratched"],
                token: admin.accessToken
            )
            #expect(partial.status == .created)
            #expect(partial.json["status"] as? String == "partially_refunded")
            let tooMuch = try await shop.call(
                .post,
                "\(path)/refunds",
                json: ["amount": ["amount": 1_000_000, "currency": "USD"]],
                token: admin.accessToken
            )
            #expect(tooMuch.status == .unprocessableContent)
            #expect(tooMuch.errorCode == "refund_exceeds_captured")
            let rest = try await shop.call(.post, "\(path)/refunds", token: admin.accessToken)
            #expect(rest.json["status"] as? String == "refunded")
            #expect(
                (rest.json["refunded"] as? [String: Any])?["amount"] as? Int
                    == (order.json["total"] as? [String: Any])?["amount"] as? Int
            )
        }
    }

    @Test("an unreachable payment provider: 502, the order is kept, and retrying the same key pays it")
    func gatewayOutage() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            try shop.faults.apply(FaultSettings(paymentFailureRate: 1))
            let failed = try await shop.checkout(buyer, key: "retry-me")
            #expect(failed.status == .badGateway)
            #expect(failed.errorCode == "payment_gateway_unavailable")
            #expect(try await shop.stock(id).reserved == 1)
            try shop.faults.apply(FaultSettings())
            let retried = try await shop.checkout(buyer, key: "retry-me")
            #expect(retried.status == .created)
            #expect(retried.json["status"] as? String == "paid")
            #expect(try await shop.stock(id) == (onHand: 4, reserved: 0))
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains(#"emporium_payments_total{outcome="error"} 1"#))
        }
    }
}
