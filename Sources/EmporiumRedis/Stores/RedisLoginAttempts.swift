public import EmporiumCore
public import FoundationEssentials
public import Logging

/// Failed sign-ins in Redis, for throttling: a sorted set per account (`emporium:login-failures:email:ADDRESS`)
/// and per client address (`…:client:ADDRESS`), scored by the attempt's time in milliseconds. Recording adds to
/// both and drops what is older than ``retention``; counting is one `ZCOUNT`, atomic however many instances
/// record at once. A successful sign-in clears the account's set; the client's stays, so one address guessing
/// many accounts is still counted.
///
/// When Redis fails, the attempts go to and are counted from ``fallback`` (the database's repository), so
/// throttling never stops; what was counted in one store is not seen by the other.
public struct RedisLoginAttempts: LoginAttemptRepository {
    static let collection = "rate_limit"

    public let redis: RedisClient
    /// Where attempts go while Redis cannot be reached.
    public let fallback: any LoginAttemptRepository
    /// How long an attempt is kept; at least the throttling window.
    public let retention: Duration
    private let logger: Logger

    public init(
        redis: RedisClient,
        fallback: any LoginAttemptRepository,
        retention: Duration = .seconds(3_600),
        logger: Logger
    ) {
        self.redis = redis
        self.fallback = fallback
        self.retention = retention
        self.logger = logger
    }

    public func record(_ attempt: LoginAttempt) async throws {
        let at = Self.milliseconds(attempt.at)
        let oldest = at - Int(retention / .milliseconds(1))
        let member = "\(at)-\(UUID().uuidString)"
        let keys = [Self.key(email: attempt.email), Self.key(clientAddress: attempt.clientAddress)]
        let commands = keys.flatMap { key in
            [
                RedisCommand("ZADD", key, at, member, collection: Self.collection),
                RedisCommand("ZREMRANGEBYSCORE", key, "-inf", "(\(oldest)", collection: Self.collection),
                RedisCommand("PEXPIRE", key, Int(retention / .milliseconds(1)), collection: Self.collection),
            ]
        }
        do {
            _ = try await redis.pipeline(commands)
        } catch is RedisError {
            logger.warning("login attempts fall back to the database while Redis is unreachable")
            try await fallback.record(attempt)
        }
    }

    public func failures(email: EmailAddress, since: Date) async throws -> Int {
        try await count(Self.key(email: email), since: since) {
            try await fallback.failures(email: email, since: since)
        }
    }

    public func failures(clientAddress: String, since: Date) async throws -> Int {
        try await count(Self.key(clientAddress: clientAddress), since: since) {
            try await fallback.failures(clientAddress: clientAddress, since: since)
        }
    }

    public func clear(email: EmailAddress) async throws {
        do {
            try await redis.send(RedisCommand("DEL", Self.key(email: email), collection: Self.collection))
        } catch is RedisError {
            try await fallback.clear(email: email)
        }
    }

    private func count(_ key: String, since: Date, fallback: () async throws -> Int) async throws -> Int {
        do {
            let reply = try await redis.send(
                RedisCommand("ZCOUNT", key, Self.milliseconds(since), "+inf", collection: Self.collection)
            )
            return reply.integer ?? 0
        } catch is RedisError {
            return try await fallback()
        }
    }

    static func key(email: EmailAddress) -> String { "emporium:login-failures:email:\(email.value)" }
    static func key(clientAddress: String) -> String { "emporium:login-failures:client:\(clientAddress)" }
    private static func milliseconds(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1_000).rounded()) }
}
