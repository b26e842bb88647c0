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

    @Test("order events reach the Redis stream; while Redis is down they wait with their mail, and go out after")
    func eventStream() async throws {
        let server = try await OwnRedisServer.started()
        var configuration = try RedisConfiguration(url: server.url)
        configuration.maximumBackoff = .milliseconds(200)
        let redis = RedisClient(configuration: configuration, logger: Logger(label: "test"))
        let stream = RedisEventStream(redis: redis)
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            let first = try await shop.checkout(buyer)
            #expect(try await shop.dispatchOutbox(publishingTo: stream).delivered == 2)
            let entries = try await streamEntries(redis)
            #expect(entries.map { $0["kind"] } == ["order.placed", "order.paid"])
            #expect(entries.allSatisfy { $0["order_id"] == first.id && $0["user_id"] != nil })
            #expect(entries.allSatisfy { ($0["payload"] ?? "").contains(#""order_id":"\#(first.id)""#) })
            #expect(Set(entries.compactMap { $0["id"] }).count == 2)

            await server.stop()
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            let second = try await shop.checkout(buyer)
            let held = try await shop.dispatchOutbox(publishingTo: stream)
            #expect(held.delivered == 0 && held.failed == 2 && held.backlog.pending == 2)
            let mailsTo = { try shop.mails().filter { $0.contains("To: \(buyer.email)") }.count }
            #expect(try mailsTo() == 2, "no mail goes out before the stream took its event")

            try await server.start()
            try await Task.sleep(for: .milliseconds(300))  // past the client's longest backoff
            #expect(try await shop.dispatchOutbox(publishingTo: stream).delivered == 2)
            let resent = try await streamEntries(redis)
            #expect(resent.map { $0["kind"] } == ["order.placed", "order.paid"], "a new, empty Redis")
            #expect(resent.allSatisfy { $0["order_id"] == second.id })
            #expect(try mailsTo() == 4)
        }
        await redis.shutDown()
    }

    /// The fields of every entry in `emporium:events`, oldest first.
    private func streamEntries(_ redis: RedisClient) async throws -> [[String: String]] {
        let reply = try await redis.send(RedisCommand("XRANGE", "emporium:events", "-", "+", collection: "test"))
        return (reply.array ?? []).map { entry in
            let fields = (entry.array?.last?.array ?? []).compactMap(\.string)
            return Dictionary(
                stride(from: 0, to: fields.count - 1, by: 2).map { (fields[$0], fields[$0 + 1]) },
                uniquingKeysWith: { first, _ in first }
            )
        }
    }
}
