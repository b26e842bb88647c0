import EmporiumCore
import EmporiumRedis
import EmporiumTesting
import Foundation
import HTTPTypes
import Logging
import Testing

@Suite(
    "The shop while Redis is down",
    .enabled(
        if: ["EMPORIUM_TEST_REDIS_URL", "CI"].contains { ProcessInfo.processInfo.environment[$0] != nil },
        "needs redis-server: run through `make test`, or set EMPORIUM_TEST_REDIS_URL"
    )
)
struct RedisOutageTests {
    @Test(
        "catalog reads keep answering 200, carts answer 503 cart_unavailable, and carts work again once Redis is back"
    )
    func outage() async throws {
        let server = try await OwnRedisServer.started()
        var configuration = try RedisConfiguration(url: server.url)
        configuration.maximumBackoff = .milliseconds(200)
        let redis = RedisClient(configuration: configuration, logger: Logger(label: "test"))
        try await TestShop.run(redis: redis) { shop in
            let seller = try await shop.user(.seller)
            let product = try await shop.product(by: seller)
            let buyer = try await shop.signUp()
            #expect(try await shop.addToCart(buyer, product).status == .created)
            #expect(try await shop.call(.get, "/api/v1/products/\(product)").status == .ok)

            await server.stop()
            for _ in 0..<3 {
                #expect(try await shop.call(.get, "/api/v1/products/\(product)").status == .ok)
                #expect(try await shop.call(.get, "/api/v1/products?q=headphones").status == .ok)
                let cart = try await shop.call(.get, "/api/v1/cart", token: buyer.accessToken)
                #expect(cart.status == .serviceUnavailable && cart.errorCode == "cart_unavailable", "\(cart.text)")
                let adding = try await shop.addToCart(buyer, product)
                #expect(adding.status == .serviceUnavailable && adding.errorCode == "cart_unavailable")
                #expect(try await shop.call(.get, "/api/v1/orders", token: buyer.accessToken).status == .ok)
            }

            try await server.start()
            try await Task.sleep(for: .milliseconds(300))  // past the client's longest backoff
            #expect(try await shop.addToCart(buyer, product, quantity: 2).status == .created)
            let cart = try await shop.call(.get, "/api/v1/cart", token: buyer.accessToken)
            #expect(cart.status == .ok)
            #expect(cart.items.first?["quantity"] as? Int == 2, "\(cart.text)")
            let order = try await shop.checkout(buyer)
            #expect(order.status == .created, "\(order.text)")
            let emptied = try await shop.call(.get, "/api/v1/cart", token: buyer.accessToken)
            #expect(emptied.status == .ok && emptied.items.isEmpty, "checkout empties the Redis cart: \(emptied.text)")
        }
        await redis.shutDown()
    }
}
