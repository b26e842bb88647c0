import EmporiumCore
import EmporiumRedis
import EmporiumTesting
import Foundation
import Logging
import Testing

/// What every catalog cache does, in this process and in Redis.
@Suite("Catalog cache contract")
struct CatalogCacheContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case inMemory = "in memory"
        case redis

        var testDescription: String { rawValue }

        static var available: [Kind] { RedisTestServer.isRequired ? allCases : [.inMemory] }
    }

    func withCache(_ kind: Kind, timeToLive: Duration = .seconds(30), _ body: (any CatalogCache) async throws -> Void)
        async throws
    {
        switch kind {
        case .inMemory: try await body(InMemoryCatalogCache(timeToLive: timeToLive))
        case .redis:
            try await RedisTestServer.withClient { (redis: RedisClient) async throws in
                try await body(
                    RedisCatalogCache(redis: redis, timeToLive: timeToLive, logger: Logger(label: "cache-tests"))
                )
            }
        }
    }

    @Test("a stored page is found until it is invalidated", arguments: Kind.available)
    func storeAndInvalidate(_ kind: Kind) async throws {
        let key = CatalogCacheKey.product(Identifier())
        try await withCache(kind) { cache in
            let miss = await cache.lookup(key)
            #expect(miss.value == nil)
            await cache.store([0, 1, 2, 255], for: key, generation: miss.generation)
            #expect(await cache.lookup(key).value == [0, 1, 2, 255])
            await cache.invalidate([key])
            #expect(await cache.lookup(key).value == nil)
        }
    }

    @Test("a page read before an invalidation is not stored after it", arguments: Kind.available)
    func staleStoreRefused(_ kind: Kind) async throws {
        let key = CatalogCacheKey.product(Identifier())
        try await withCache(kind) { cache in
            let before = await cache.lookup(key)
            await cache.invalidate([key])  // the product changed while the page was being rendered
            await cache.store([9], for: key, generation: before.generation)
            #expect(await cache.lookup(key).value == nil)
            let after = await cache.lookup(key)
            await cache.store([7], for: key, generation: after.generation)
            #expect(await cache.lookup(key).value == [7])
        }
    }

    @Test(
        "search pages share one generation: invalidating searches makes every one stale, product pages stay",
        arguments: Kind.available
    )
    func searchPages(_ kind: Kind) async throws {
        let product = CatalogCacheKey.product(Identifier())
        let lamps = CatalogCacheKey.search("limit=20&q=lamp-\(UUID())")
        let chairs = CatalogCacheKey.search("limit=20&q=chair-\(UUID())")
        try await withCache(kind) { cache in
            for (key, value) in [(product, [UInt8](arrayLiteral: 1)), (lamps, [2]), (chairs, [3])] {
                await cache.store(value, for: key, generation: await cache.lookup(key).generation)
            }
            #expect(await cache.lookup(lamps).value == [2])
            #expect(await cache.lookup(chairs).value == [3])
            let before = await cache.lookup(lamps)
            await cache.invalidate([.searches])
            #expect(await cache.lookup(lamps).value == nil)
            #expect(await cache.lookup(chairs).value == nil)
            #expect(await cache.lookup(product).value == [1], "a product page has its own generation")
            await cache.store([9], for: lamps, generation: before.generation)
            #expect(await cache.lookup(lamps).value == nil, "a page rendered before the change is not stored")
            await cache.store([4], for: lamps, generation: await cache.lookup(lamps).generation)
            #expect(await cache.lookup(lamps).value == [4])
        }
    }

    @Test("a page expires after its time to live", arguments: Kind.available)
    func expiry(_ kind: Kind) async throws {
        let key = CatalogCacheKey.product(Identifier())
        try await withCache(kind, timeToLive: .milliseconds(100)) { cache in
            await cache.store([1], for: key, generation: await cache.lookup(key).generation)
            #expect(await cache.lookup(key).value == [1])
            try await Task.sleep(for: .milliseconds(250))
            #expect(await cache.lookup(key).value == nil)
        }
    }
}

@Suite("The Redis catalog cache when Redis fails", .enabled(if: RedisTestServer.isRequired, RedisTestServer.skipReason))
struct RedisCatalogCacheOutageTests {
    @Test("with Redis down every lookup is a miss at once and nothing throws; once it is back, pages are cached again")
    func outage() async throws {
        let server = try await OwnRedisServer.started()
        let redis = try RedisTestServer.client(of: server)
        let cache = RedisCatalogCache(redis: redis, logger: Logger(label: "cache-tests"))
        let key = CatalogCacheKey.product(Identifier())
        await cache.store([5], for: key, generation: await cache.lookup(key).generation)
        #expect(await cache.lookup(key).value == [5])

        await server.stop()
        let down = ContinuousClock.now
        for _ in 0..<20 {
            let lookup = await cache.lookup(key)
            #expect(lookup.value == nil)
            await cache.store([6], for: key, generation: lookup.generation)
            await cache.invalidate([key])
        }
        #expect(ContinuousClock.now - down < .seconds(2), "an outage costs no timeouts")

        try await server.start()
        try await Task.sleep(for: .milliseconds(300))
        let fresh = await cache.lookup(key)
        await cache.store([7], for: key, generation: fresh.generation)
        #expect(await cache.lookup(key).value == [7])
        await redis.shutDown()
    }
}
