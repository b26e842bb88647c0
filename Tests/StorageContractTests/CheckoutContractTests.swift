import EmporiumCore
import EmporiumTesting
import Foundation
import Testing

@Suite("Contract: checkout transaction")
struct CheckoutContractTests {
    @Test(
        "an order snapshots lines and totals, reserves stock, empties the cart, writes order.placed",
        arguments: Backend.available
    )
    func placesOrder(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let lamp = try await shop.product("Lamp", price: 2_500, stock: 4)
            let bulb = try await shop.product("Bulb", price: 300, stock: 50)
            let buyer = try await shop.user()
            try await shop.fillCart(of: buyer, with: [(lamp, 1), (bulb, 4)])
            let outcome = try await shop.checkout(buyer)
            guard case .placed(let order) = outcome else { throw TestSetupError("expected a new order") }
            #expect(order.status == .pendingPayment)
            #expect(order.lines.map(\.name) == ["Lamp", "Bulb"])
            // 37.00 subtotal, 4.99 shipping under 50.00, 20 % UK tax on 41.99 = 8.40 (8.398 rounded).
            #expect(order.totals.subtotal == Money(3_700, .usd))
            #expect(order.totals.shipping == Money(499, .usd))
            #expect(order.totals.tax == Money(840, .usd))
            #expect(order.totals.total == Money(5_039, .usd))
            #expect(try await shop.storage.orders.order(id: order.id) == order)
            #expect(try await shop.stock(of: lamp) == Inventory(onHand: 4, reserved: 1))
            #expect(try await shop.storage.carts.cart(of: .user(buyer.id)).isEmpty)
            let events = try await shop.storage.outbox.pendingEvents(limit: 10)
            #expect(events.map(\.kind) == [.placed])
            #expect(events.first?.orderID == order.id)
        }
    }

    @Test("a short line fails the whole checkout, names the lines, and writes nothing", arguments: Backend.available)
    func outOfStock(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let plenty = try await shop.product("Plenty", sku: "PLENTY", stock: 10)
            let scarce = try await shop.product("Scarce", sku: "SCARCE", stock: 1)
            let buyer = try await shop.user()
            try await shop.fillCart(of: buyer, with: [(plenty, 2), (scarce, 3)])
            let error = await expectDomainError(.outOfStock) { _ = try await shop.checkout(buyer) }
            let line = DetailValue.object([
                "product_id": .string(scarce.id.description), "sku": .string("SCARCE"),
                "requested": .integer(3), "available": .integer(1),
            ])
            #expect(error?.details["lines"] == .list([line]))
            #expect(try await shop.stock(of: plenty) == Inventory(onHand: 10, reserved: 0), "rolled back")
            #expect(try await shop.storage.orders.orders(of: buyer.id, limit: 10).isEmpty)
            #expect(try await shop.storage.outbox.pendingEvents(limit: 10).isEmpty)
            #expect(try await shop.storage.carts.cart(of: .user(buyer.id)).lines.count == 2, "the cart is kept")
        }
    }

    @Test("a retried key returns the same order; the key with another request is refused", arguments: Backend.available)
    func idempotency(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Chair", stock: 5)
            let buyer = try await shop.user()
            try await shop.fillCart(of: buyer, with: [(product, 1)])
            let first = try await shop.checkout(buyer, key: "order-1")
            let again = try await shop.checkout(buyer, key: "order-1")
            #expect(again == .replayed(first.order))
            await expectDomainError(.idempotencyKeyReused) {
                _ = try await shop.checkout(buyer, key: "order-1", method: "pm_card_mastercard")
            }
            await expectDomainError(.emptyCart) { _ = try await shop.checkout(buyer, key: "order-2") }
            #expect(try await shop.stock(of: product).reserved == 1)
        }
    }

    @Test("promo codes discount, respect their usage limit and minimum", arguments: Backend.available)
    func promoCodes(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let window = (Fixtures.now.addingTimeInterval(-86_400), Fixtures.now.addingTimeInterval(86_400))
            try await shop.storage.promoCodes.insert(
                PromoCode(
                    code: "save10",
                    discount: .percent(basisPoints: 1_000),
                    validFrom: window.0,
                    validUntil: window.1,
                    usageLimit: 1
                )
            )
            try await shop.storage.promoCodes.insert(
                PromoCode(
                    code: "BIG",
                    discount: .fixed(Money(500, .usd)),
                    validFrom: window.0,
                    validUntil: window.1,
                    minimumOrder: Money(100_000, .usd)
                )
            )
            let product = try await shop.product("Desk", price: 10_000, stock: 10)
            let first = try await shop.user()
            try await shop.fillCart(of: first, with: [(product, 1)])
            let order = try await shop.checkout(first, promoCode: "Save10").order
            #expect(order.totals.discount == Money(1_000, .usd))
            #expect(order.promoCode == "SAVE10")
            let second = try await shop.user()
            try await shop.fillCart(of: second, with: [(product, 1)])
            let usedUp = await expectDomainError(.promoCodeRejected) {
                _ = try await shop.checkout(second, promoCode: "SAVE10")
            }
            #expect(usedUp?.details["reason"] == .string("used_up"))
            let below = await expectDomainError(.promoCodeRejected) {
                _ = try await shop.checkout(second, promoCode: "BIG")
            }
            #expect(below?.details["reason"] == .string("below_minimum"))
            #expect(try await shop.stock(of: product).reserved == 1)
        }
    }

    @Test("carts save, merge a guest cart at login and delete", arguments: Backend.available)
    func carts(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let a = try await shop.product("A")
            let b = try await shop.product("B")
            let user = try await shop.user()
            var guest = Cart(owner: .guest("guest-token"), updatedAt: Fixtures.now)
            try guest.add(a.id, quantity: 2)
            try guest.add(b.id, quantity: 1)
            try await shop.storage.carts.save(guest)
            try await shop.fillCart(of: user, with: [(a, 1)])
            var cart = try await shop.storage.carts.cart(of: .user(user.id))
            cart.merge(try await shop.storage.carts.cart(of: .guest("guest-token")))
            try await shop.storage.carts.save(cart)
            try await shop.storage.carts.deleteCart(of: .guest("guest-token"))
            let merged = try await shop.storage.carts.cart(of: .user(user.id))
            #expect(merged.lines == [CartLine(productID: a.id, quantity: 3), CartLine(productID: b.id, quantity: 1)])
            #expect(try await shop.storage.carts.cart(of: .guest("guest-token")).isEmpty)
        }
    }
}
