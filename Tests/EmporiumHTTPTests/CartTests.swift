import EmporiumCore
import EmporiumHTTP
import Foundation
import HTTPTypes
import Telemetry
import Testing

@Suite("Cart")
struct CartTests {
    @Test("add (201 for a new line, 200 for more), change, remove; lines are priced from the catalog")
    func cartLifecycle() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let lamp = try await shop.product(by: seller, name: "Lamp", price: 1_250, stock: 10)
            let shopper = try await shop.signUp()
            let first = try await shop.addToCart(shopper, lamp, quantity: 2)
            #expect(first.status == .created)
            #expect((first.json["subtotal"] as? [String: Any])?["amount"] as? Int == 2_500)
            let more = try await shop.addToCart(shopper, lamp, quantity: 1)
            #expect(more.status == .ok)
            #expect(more.items.first?["quantity"] as? Int == 3)
            let changed = try await shop.call(
                .patch,
                "/api/v1/cart/items/\(lamp)",
                json: ["quantity": 5],
                token: shopper.accessToken
            )
            #expect(changed.json["item_count"] as? Int == 5)
            let removed = try await shop.call(.delete, "/api/v1/cart/items/\(lamp)", token: shopper.accessToken)
            #expect(removed.items.isEmpty)
            #expect(try await shop.call(.get, "/api/v1/cart", token: shopper.accessToken).items.isEmpty)
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains(#"emporium_cart_operations_total{op="add"} 2"#))
        }
    }

    @Test("what cannot be bought is refused: unknown product, zero or too many units, more than is in stock")
    func cartRefusals() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let scarce = try await shop.product(by: seller, stock: 2)
            let shopper = try await shop.signUp()
            #expect(try await shop.addToCart(shopper, UUID().uuidString).status == .notFound)
            #expect(try await shop.addToCart(shopper, scarce, quantity: 0).errorField == "quantity")
            #expect(try await shop.addToCart(shopper, scarce, quantity: 100).errorField == "quantity")
            let tooMany = try await shop.addToCart(shopper, scarce, quantity: 3)
            #expect(tooMany.status == .conflict)
            #expect(tooMany.errorCode == "out_of_stock")
            let notInCart = try await shop.call(
                .patch,
                "/api/v1/cart/items/\(scarce)",
                json: ["quantity": 1],
                token: shopper.accessToken
            )
            #expect(notInCart.status == .notFound)
            #expect(
                try await shop.call(.post, "/api/v1/cart/items", json: ["product_id": scarce, "quantity": 1]).status
                    == .unauthorized
            )
        }
    }

    @Test("each shopper sees only their own cart")
    func cartsArePrivate() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller)
            let alice = try await shop.signUp()
            let bob = try await shop.signUp()
            _ = try await shop.addToCart(alice, id)
            #expect(try await shop.call(.get, "/api/v1/cart", token: bob.accessToken).items.isEmpty)
            #expect(
                try await shop.call(.delete, "/api/v1/cart/items/\(id)", token: bob.accessToken).status == .notFound
            )
            #expect(try await shop.call(.get, "/api/v1/cart", token: alice.accessToken).items.count == 1)
        }
    }
}
