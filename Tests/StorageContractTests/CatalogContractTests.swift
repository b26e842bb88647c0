import EmporiumCore
import EmporiumTesting
import Foundation
import Testing

@Suite("Contract: catalog, stock and reviews")
struct CatalogContractTests {
    @Test("a product round-trips with attributes; a duplicate sku is a conflict", arguments: Backend.available)
    func productRoundTrip(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let audio = try await shop.category("Audio")
            var product = Product(
                sku: "HP-1",
                name: "Studio Headphones",
                description: "Closed-back.",
                price: Money(12_999, .usd),
                categoryID: audio.id,
                brand: "Sonora",
                attributes: ["colour": "black", "wireless": "no"],
                inventory: Inventory(onHand: 5),
                createdAt: Fixtures.now
            )
            try await shop.storage.products.insert(product)
            #expect(try await shop.storage.products.product(id: product.id) == product)
            await expectDomainError(.conflict) {
                try await shop.storage.products.insert(
                    Product(sku: "HP-1", name: "Copy", description: "", price: Money(1, .usd), createdAt: Fixtures.now)
                )
            }
            product.price = Money(9_999, .usd)
            product.attributes["colour"] = "white"
            try await shop.storage.products.update(product)
            #expect(try await shop.storage.products.product(id: product.id) == product)
        }
    }

    @Test("stock cannot be set below what pending orders reserve", arguments: Backend.available)
    func stockBelowReserved(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Lamp", stock: 5)
            _ = try await shop.placedOrder(of: product, quantity: 3)
            #expect(try await shop.stock(of: product) == Inventory(onHand: 5, reserved: 3))
            let error = await expectDomainError(.invalidInput) {
                try await shop.storage.products.setStock(of: product.id, onHand: 2)
            }
            #expect(error?.details["field"] == .string("stock"))
            try await shop.storage.products.setStock(of: product.id, onHand: 8)
            #expect(try await shop.stock(of: product).available == 5)
        }
    }

    @Test("categories list parents before children", arguments: Backend.available)
    func categoryTree(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let electronics = try await shop.category("Electronics")
            let audio = try await shop.category("Audio", parent: electronics)
            let headphones = try await shop.category("Headphones", parent: audio)
            let books = try await shop.category("Books")
            let names = try await shop.storage.categories.categories().map(\.name)
            #expect(names == ["Books", "Electronics", "Audio", "Headphones"])
            #expect(headphones.parentID == audio.id && books.parentID == nil)
            await expectDomainError(.conflict) { _ = try await shop.category("Audio") }
        }
    }

    @Test("one review per user; the rating summary follows; purchases are verified", arguments: Backend.available)
    func reviews(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Kettle")
            let buyer = try await shop.user()
            try await shop.fillCart(of: buyer, with: [(product, 1)])
            let order = try await shop.checkout(buyer).order
            try await shop.storage.orders.apply(
                OrderTransition(
                    order: paid(order),
                    expectedStatus: .pendingPayment,
                    actions: [.commitReservedStock],
                    refund: nil,
                    events: []
                )
            )
            let reviewer = try await shop.user()
            let service = ReviewService(storage: shop.storage, now: { Fixtures.now })
            let verified = try await service.submit(
                .init(productID: product.id, userID: buyer.id, rating: 5, title: "Great", body: "Boils fast.")
            )
            let unverified = try await service.submit(
                .init(productID: product.id, userID: reviewer.id, rating: 2, title: "Meh", body: "")
            )
            #expect(verified.verifiedPurchase && !unverified.verifiedPurchase)
            await expectDomainError(.conflict) {
                _ = try await service.submit(
                    .init(productID: product.id, userID: buyer.id, rating: 4, title: "Again", body: "")
                )
            }
            await expectDomainError(.invalidInput) {
                _ = try await service.submit(
                    .init(productID: product.id, userID: Identifier(), rating: 6, title: "", body: "")
                )
            }
            let rating = try #require(try await shop.storage.products.product(id: product.id)).rating
            #expect(rating == Rating(count: 2, sum: 7))
            #expect(try await shop.storage.reviews.reviews(of: product.id, limit: 10).count == 2)
        }
    }

    private func paid(_ order: Order) -> Order {
        var order = order
        order.status = .paid
        return order
    }
}
