import EmporiumCore
import EmporiumRedis
import EmporiumSQL
import EmporiumTesting
import Foundation
import Logging
import Testing

/// Failed sign-ins counted the same in the database and in Redis.
@Suite("Login attempts contract")
struct LoginAttemptsContractTests {
    typealias Store = CartStoreContractTests.Store

    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    func withAttempts(_ store: Store, _ body: @escaping @Sendable (any LoginAttemptRepository) async throws -> Void)
        async throws
    {
        switch store {
        case .sqlite: try await TestDatabase.with(.sqlite) { try await body($0.storage.loginAttempts) }
        case .postgres: try await TestDatabase.with(.postgres) { try await body($0.storage.loginAttempts) }
        case .redis:
            try await TestDatabase.with(.sqlite) { database in
                try await RedisTestServer.withClient { (redis: RedisClient) async throws in
                    let attempts = RedisLoginAttempts(
                        redis: redis,
                        fallback: database.storage.loginAttempts,
                        logger: Logger(label: "attempts-tests")
                    )
                    try await body(attempts)
                }
            }
        }
    }

    @Test(
        "failures are counted per account and per address within a window; success clears the account's",
        arguments: Store.available
    )
    func counting(_ store: Store) async throws {
        try await withAttempts(store) { attempts in
            let email = try EmailAddress("target-\(UUID().uuidString.prefix(8).lowercased())@example.com")
            let client = "203.0.113.\(Int.random(in: 1...250))-\(UUID().uuidString.prefix(4))"
            for minutes in [90, 30, 10, 5] {
                let at = Self.now.addingTimeInterval(-Double(minutes) * 60)
                try await attempts.record(LoginAttempt(email: email, clientAddress: client, at: at))
            }
            let hourAgo = Self.now.addingTimeInterval(-3_600)
            #expect(try await attempts.failures(email: email, since: hourAgo) == 3)
            #expect(try await attempts.failures(clientAddress: client, since: hourAgo) == 3)
            #expect(try await attempts.failures(clientAddress: "198.51.100.1-none", since: hourAgo) == 0)
            try await attempts.clear(email: email)
            #expect(try await attempts.failures(email: email, since: hourAgo) == 0)
        }
    }
}

@Suite("Login attempts while Redis is down", .enabled(if: RedisTestServer.isRequired, RedisTestServer.skipReason))
struct RedisLoginAttemptsOutageTests {
    @Test("with Redis down attempts are recorded in and counted from the database, so throttling goes on")
    func fallback() async throws {
        let server = try await OwnRedisServer.started()
        let redis = try RedisTestServer.client(of: server)
        try await TestDatabase.with(.sqlite) { database in
            let attempts = RedisLoginAttempts(
                redis: redis,
                fallback: database.storage.loginAttempts,
                logger: Logger(label: "t")
            )
            let email = try EmailAddress("down@example.com")
            await server.stop()
            for _ in 0..<3 {
                try await attempts.record(LoginAttempt(email: email, clientAddress: "203.0.113.9", at: Date()))
            }
            #expect(try await attempts.failures(email: email, since: Date().addingTimeInterval(-60)) == 3)
            #expect(
                try await database.storage.loginAttempts.failures(email: email, since: Date().addingTimeInterval(-60))
                    == 3
            )
        }
        await redis.shutDown()
    }
}
