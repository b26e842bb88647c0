import EmporiumCore
import Foundation

/// Many buyers, each with a filled cart, checking out at once: 32 workers take buyers from a shared list.
/// Only the checkouts are timed; users and carts are prepared beforehand.
struct CheckoutLoad {
    let storage: Storage
    let count: Int
    /// How many products the buyers' carts are drawn from (at least 2): fewer means more buyers waiting for
    /// the same rows.
    let sharedProducts: Int
    /// Run once the buyers are ready, before the clock starts: writes what is pending to the database files.
    let settle: @Sendable () async throws -> Void
    let workers = 32

    func run() async throws -> Double {
        let products = try await stockedProducts()
        let buyers = try await prepareBuyers(products: products)
        try await settle()
        say("  \(buyers.count) buyers with a filled cart; checking out …")
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

    /// The products the buyers share, restocked so that no checkout runs short (a catalog reused from an earlier
    /// run has sold some of its stock): each buyer takes one unit each of two products, half the list apart.
    private func stockedProducts() async throws -> [Product] {
        var products: [Product] = []
        var query = try ProductQuery(sort: .priceAscending, limit: 100)
        repeat {
            let page = try await storage.products.search(query)
            products += page.items
            query.cursor = page.nextCursor
        } while products.count < sharedProducts && query.cursor != nil
        products = Array(products.prefix(sharedProducts))
        precondition(!products.isEmpty, "the catalog is empty: seed it before measuring checkouts")
        let unitsPerProduct = 2 * count / products.count + 2
        for product in products {
            try await storage.products.setStock(of: product.id, onHand: product.inventory.reserved + unitsPerProduct)
        }
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
                        // Scattered, so that buyers checking out at the same time rarely share rows by design.
                        let first = index * 7_919 % products.count
                        try cart.add(products[first].id, quantity: 1)
                        try cart.add(products[(first + products.count / 2) % products.count].id, quantity: 1)
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
