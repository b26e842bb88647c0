import EmporiumCore
import Foundation
import Testing

@Suite("Contract: concurrent buyers")
struct ConcurrencyContractTests {
    @Test("200 buyers for 10 items: exactly 10 orders, stock never negative", arguments: Backend.available)
    func noOverselling(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Limited Edition", stock: 10)
            var buyers: [User] = []
            for _ in 0..<200 {
                let buyer = try await shop.user()
                try await shop.fillCart(of: buyer, with: [(product, 1)])
                buyers.append(buyer)
            }
            let outcomes = await withTaskGroup(of: Result<PlacementOutcome, any Error>.self) { group in
                for buyer in buyers {
                    group.addTask {
                        do { return .success(try await shop.checkout(buyer)) } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let placed = outcomes.filter { if case .success = $0 { true } else { false } }
            let outOfStock = outcomes.filter {
                if case .failure(let error as DomainError) = $0 { error.code == .outOfStock } else { false }
            }
            #expect(placed.count == 10)
            #expect(outOfStock.count == 190, "every other buyer is told the product is out of stock")
            #expect(try await shop.stock(of: product) == Inventory(onHand: 10, reserved: 10))
            #expect(try await shop.stock(of: product).available == 0)
        }
    }

    @Test("50 concurrent checkouts with one idempotency key make one order", arguments: Backend.available)
    func oneKeyOneOrder(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Bicycle", stock: 100)
            let buyer = try await shop.user()
            try await shop.fillCart(of: buyer, with: [(product, 1)])
            let orders = try await withThrowingTaskGroup(of: Identifier<Order>.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await shop.checkout(buyer, key: "the-one-key").order.id }
                }
                return try await group.reduce(into: Set<Identifier<Order>>()) { $0.insert($1) }
            }
            #expect(orders.count == 1)
            #expect(try await shop.storage.orders.orders(of: buyer.id, limit: 100).count == 1)
            #expect(try await shop.stock(of: product).reserved == 1)
        }
    }
}
