import EmporiumCore
import Foundation

/// Many buyers, each with a filled cart, checking out at once: 32 workers take buyers from a shared list.
/// Only the checkouts are timed; users and carts are prepared beforehand.
struct CheckoutLoad {
    let storage: Storage
    let count: Int
    let workers = 32

    func run() async throws -> Double {
        let products = try await stockedProducts()
        let buyers = try await prepareBuyers(products: products)
        let checkout = CheckoutService(storage: storage, pricing: .standard)
        let address = ShippingAddress(
            name: "Bench",
            line1: "1 Load Street",
            city: "Testing",
            postalCode: "00000",
            country: "US"
        )
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for buyer in stride(from: worker, to: buyers.count, by: workers) {
                        _ = try await checkout.checkout(
                            CheckoutRequest(
                                userID: buyers[buyer],
                                idempotencyKey: "bench-\(buyer)",
                                paymentMethod: "pm_card_visa",
                                shippingAddress: address
                            )
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(buyers.count) / ((ContinuousClock.now - start) / .seconds(1))
    }

    /// Products with enough stock that no checkout runs short: each buyer takes one unit each of two
    /// neighbouring products in the list.
    private func stockedProducts() async throws -> [Product] {
        let page = try await storage.products.search(ProductQuery(inStockOnly: true, sort: .priceAscending, limit: 100))
        var products = page.items.sorted { $0.inventory.available > $1.inventory.available }
        while let last = products.last, last.inventory.available < 2 * count / products.count + 1 {
            products.removeLast()
        }
        precondition(!products.isEmpty, "no product has enough stock for \(count) checkouts")
        return products
    }

    /// Creates the buyers and fills their carts with two products each, in parallel.
    private func prepareBuyers(products: [Product]) async throws -> [Identifier<User>] {
        try await withThrowingTaskGroup(of: [Identifier<User>].self) { group in
            for worker in 0..<workers {
                group.addTask { [storage, count, workers] in
                    var ids: [Identifier<User>] = []
                    for index in stride(from: worker, to: count, by: workers) {
                        let user = User(
                            email: try EmailAddress("buyer-\(index)-\(UUID().uuidString.prefix(8))@bench.test"),
                            name: "Buyer",
                            role: .customer,
                            passwordHash: "!",
                            createdAt: Date()
                        )
                        try await storage.users.insert(user)
                        var cart = Cart(owner: .user(user.id), updatedAt: Date())
                        try cart.add(products[index % products.count].id, quantity: 1)
                        try cart.add(products[(index + 1) % products.count].id, quantity: 1)
                        try await storage.carts.save(cart)
                        ids.append(user.id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
