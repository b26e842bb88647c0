import EmporiumCore
import EmporiumRedis
import EmporiumTesting
import Foundation
import Logging
import Testing

/// Request rate limiting in the process and in Redis.
@Suite("Rate limiter contract")
struct RateLimiterContractTests {
    typealias Kind = CatalogCacheContractTests.Kind

    static let limit = RateLimit(requests: 5, window: .seconds(60))

    func withLimiter(_ kind: Kind, _ body: (any RequestRateLimiter) async throws -> Void) async throws {
        switch kind {
        case .inMemory: try await body(InProcessRateLimiter(limit: Self.limit))
        case .redis:
            try await RedisTestServer.withClient { (redis: RedisClient) async throws in
                try await body(RedisRateLimiter(redis: redis, limit: Self.limit, logger: Logger(label: "rate-tests")))
            }
        }
    }

    @Test(
        "a client gets the limit and no more, counting down; another client is counted apart",
        arguments: Kind.available
    )
    func limiting(_ kind: Kind) async throws {
        try await withLimiter(kind) { limiter in
            let client = "203.0.113.\(UUID().uuidString.prefix(6))"
            var decisions: [RateLimitDecision] = []
            for _ in 0..<7 { decisions.append(await limiter.admit(client)) }
            #expect(decisions.map(\.allowed) == [true, true, true, true, true, false, false])
            #expect(decisions.map(\.remaining) == [4, 3, 2, 1, 0, 0, 0])
            #expect(decisions.allSatisfy { $0.resetIn > .seconds(50) && $0.resetIn <= .seconds(60) })
            #expect(await limiter.admit(client + "-other").allowed)
        }
    }
}

@Suite("Rate limits shared through Redis", .enabled(if: RedisTestServer.isRequired, RedisTestServer.skipReason))
struct RedisRateLimiterTests {
    @Test("two instances share one count: two hundred concurrent requests over both admit exactly the limit")
    func shared() async throws {
        try await RedisTestServer.withClient { (redis: RedisClient) async throws in
            let limit = RateLimit(requests: 50, window: .seconds(60))
            let instances = (0..<2).map { _ in RedisRateLimiter(redis: redis, limit: limit, logger: Logger(label: "t"))
            }
            let client = "198.51.100.\(UUID().uuidString.prefix(6))"
            let admitted = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<200 { group.addTask { await instances[index % 2].admit(client).allowed } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 50)
        }
    }

    @Test("with Redis down each instance limits on its own; requests are never refused for the outage itself")
    func outage() async throws {
        let server = try await OwnRedisServer.started()
        let redis = try RedisTestServer.client(of: server)
        let limiter = RedisRateLimiter(
            redis: redis,
            limit: RateLimit(requests: 3, window: .seconds(60)),
            logger: Logger(label: "t")
        )
        await server.stop()
        var allowed: [Bool] = []
        for _ in 0..<4 { allowed.append(await limiter.admit("192.0.2.7").allowed) }
        #expect(allowed == [true, true, true, false], "the in-process limit holds meanwhile")
        await redis.shutDown()
    }
}
