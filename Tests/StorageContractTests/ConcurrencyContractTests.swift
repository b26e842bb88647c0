import EmporiumCore
import EmporiumTesting
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

    @Test(
        "buyers of the same products, listed in different orders, neither deadlock nor oversell",
        arguments: Backend.available
    )
    func manyLinesNoDeadlock(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            var products: [Product] = []
            for index in 0..<5 { products.append(try await shop.product("Shared \(index)", stock: 40)) }
            var buyers: [User] = []
            for index in 0..<100 {
                let buyer = try await shop.user()
                // Every buyer lists the five products in another order: rotated, and reversed for odd buyers.
                let rotated = Array(products[(index % 5)...] + products[..<(index % 5)])
                let lines = (index.isMultiple(of: 2) ? rotated : rotated.reversed()).map { ($0, 1) }
                try await shop.fillCart(of: buyer, with: lines)
                buyers.append(buyer)
            }
            let failures = try await withThrowingTaskGroup(of: DomainError?.self) { group in
                for buyer in buyers {
                    group.addTask {
                        do {
                            _ = try await shop.checkout(buyer)
                            return nil
                        } catch let error as DomainError {
                            return error
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }.compactMap { $0 }
            }
            #expect(failures.count == 60)
            #expect(failures.allSatisfy { $0.code == .outOfStock }, "the only failure is running out")
            for product in products {
                #expect(try await shop.stock(of: product) == Inventory(onHand: 40, reserved: 40))
            }
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
