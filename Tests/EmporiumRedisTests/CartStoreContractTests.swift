import EmporiumCore
import EmporiumRedis
import EmporiumSQL
import EmporiumTesting
import Foundation
import Logging
import Testing

/// What every cart store does: the SQL ones of both databases and Redis.
@Suite("Cart store contract")
struct CartStoreContractTests {
    enum Store: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite, postgres, redis

        var testDescription: String { rawValue }

        static var available: [Store] {
            Backend.available.compactMap { Store(rawValue: $0.rawValue) } + (RedisTestServer.isRequired ? [.redis] : [])
        }
    }

    func withCarts(_ store: Store, _ body: @escaping @Sendable (any CartRepository) async throws -> Void) async throws {
        switch store {
        case .sqlite: try await TestDatabase.with(.sqlite) { try await body($0.storage.carts) }
        case .postgres: try await TestDatabase.with(.postgres) { try await body($0.storage.carts) }
        case .redis:
            try await RedisTestServer.withClient { (redis: RedisClient) async throws in
                try await body(RedisCartStore(redis: redis))
            }
        }
    }

    static let updatedAt = Date(timeIntervalSince1970: 1_780_000_000.123)

    @Test("a cart round-trips with its lines in the order they were added", arguments: Store.available)
    func roundTrip(_ store: Store) async throws {
        try await withCarts(store) { carts in
            let owner = CartOwner.user(Identifier())
            #expect(try await carts.cart(of: owner).isEmpty, "an owner without a cart has an empty one")
            let products = (0..<4).map { _ in Identifier<Product>() }
            var cart = Cart(owner: owner, updatedAt: Self.updatedAt)
            for (index, product) in products.enumerated() { try cart.add(product, quantity: index + 1) }
            try await carts.save(cart)
            let read = try await carts.cart(of: owner)
            #expect(read.lines == cart.lines)
            #expect(abs(read.updatedAt.timeIntervalSince(Self.updatedAt)) < 0.001)
        }
    }

    @Test("a save replaces the whole cart; deleting or emptying it leaves an empty cart", arguments: Store.available)
    func replaceAndDelete(_ store: Store) async throws {
        try await withCarts(store) { carts in
            let owner = CartOwner.guest("guest-\(UUID())")
            let (kept, dropped) = (Identifier<Product>(), Identifier<Product>())
            var cart = Cart(owner: owner, updatedAt: Self.updatedAt)
            try cart.add(dropped, quantity: 1)
            try cart.add(kept, quantity: 2)
            try await carts.save(cart)
            try cart.setQuantity(of: dropped, to: 0)
            try cart.add(kept, quantity: 3)
            try await carts.save(cart)
            #expect(try await carts.cart(of: owner).lines == [CartLine(productID: kept, quantity: 5)])
            try await carts.deleteCart(of: owner)
            #expect(try await carts.cart(of: owner).isEmpty)
            try await carts.save(cart)
            try cart.setQuantity(of: kept, to: 0)
            try await carts.save(cart)
            #expect(try await carts.cart(of: owner).isEmpty)
        }
    }

    @Test("owners' carts are apart: a user's, another user's, a guest's", arguments: Store.available)
    func isolation(_ store: Store) async throws {
        try await withCarts(store) { carts in
            let owners: [CartOwner] = [.user(Identifier()), .user(Identifier()), .guest("guest-\(UUID())")]
            for (index, owner) in owners.enumerated() {
                var cart = Cart(owner: owner, updatedAt: Self.updatedAt)
                try cart.add(Identifier(), quantity: index + 1)
                try await carts.save(cart)
            }
            for (index, owner) in owners.enumerated() {
                #expect(try await carts.cart(of: owner).lines.map(\.quantity) == [index + 1])
            }
        }
    }
}

@Suite("Redis carts", .enabled(if: RedisTestServer.isRequired, RedisTestServer.skipReason))
struct RedisCartStoreTests {
    @Test("a cart lives its time to live from its last use: every read and save sets it again; then it goes")
    func timeToLive() async throws {
        try await RedisTestServer.withClient { (redis: RedisClient) async throws in
            let carts = RedisCartStore(redis: redis, timeToLive: .seconds(60))
            let token = "guest-\(UUID())"
            let owner = CartOwner.guest(token)
            let key = "emporium:cart:guest:\(token)"
            let timeLeft = { try await redis.send(RedisCommand("PTTL", key, collection: "test")).integer ?? -2 }
            var cart = Cart(owner: owner, updatedAt: Date())
            try cart.add(Identifier(), quantity: 1)
            try await carts.save(cart)
            #expect((59_000...60_000).contains(try await timeLeft()))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await timeLeft() <= 59_800, "time passes")
            _ = try await carts.cart(of: owner)
            #expect(try await timeLeft() > 59_800, "a read sets the time to live again")

            let brief = RedisCartStore(redis: redis, timeToLive: .milliseconds(50))
            try await brief.save(cart)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await carts.cart(of: owner).isEmpty, "unused past its time to live, it is gone")
        }
    }

    @Test("with Redis down a cart call fails as cart_unavailable at once; after a restart carts work again")
    func outage() async throws {
        let server = try await OwnRedisServer.started()
        let redis = try RedisTestServer.client(of: server)
        let carts = RedisCartStore(redis: redis)
        let owner = CartOwner.user(Identifier())
        var cart = Cart(owner: owner, updatedAt: Date())
        try cart.add(Identifier(), quantity: 2)
        try await carts.save(cart)

        await server.stop()
        for _ in 0..<5 {
            let error = await #expect(throws: DomainError.self) { try await carts.cart(of: owner) }
            #expect(error?.code == .cartUnavailable)
            let saving = await #expect(throws: DomainError.self) { try await carts.save(cart) }
            #expect(saving?.code == .cartUnavailable)
        }

        try await server.start()
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await carts.cart(of: owner).isEmpty, "a new, empty Redis")
        try await carts.save(cart)
        #expect(try await carts.cart(of: owner).lines == cart.lines)
        await redis.shutDown()
    }
}
