public import EmporiumCore
public import Logging

/// The request rate limiter shared by every instance: a counter per client and window in Redis
/// (`emporium:rate:CLIENT`), incremented and given its expiry by one script, so concurrent instances never
/// lose a count. When Redis fails, ``fallback`` (the in-process limiter) decides: limits then hold per instance
/// rather than for the whole shop, and requests are never refused because Redis is down.
public struct RedisRateLimiter: RequestRateLimiter {
    static let collection = "rate_limit"
    static let script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return {count, redis.call('PTTL', KEYS[1])}
        """

    public let redis: RedisClient
    public let limit: RateLimit
    public let fallback: any RequestRateLimiter
    private let logger: Logger

    public init(redis: RedisClient, limit: RateLimit, logger: Logger) {
        self.redis = redis
        self.limit = limit
        self.fallback = InProcessRateLimiter(limit: limit)
        self.logger = logger
    }

    public func admit(_ client: String) async -> RateLimitDecision {
        let window = max(Int(limit.window / .milliseconds(1)), 1)
        do {
            let reply = try await redis.send(
                RedisCommand("EVAL", Self.script, 1, "emporium:rate:\(client)", window, collection: Self.collection)
            )
            guard let values = reply.array?.compactMap(\.integer), values.count == 2 else {
                throw RedisError(.protocolViolation, "the rate script answered \(reply)")
            }
            return RateLimitDecision(
                allowed: values[0] <= limit.requests,
                remaining: max(limit.requests - values[0], 0),
                resetIn: .milliseconds(max(values[1], 0))
            )
        } catch {
            logger.debug(
                "rate limit decided in this process while Redis is unreachable",
                metadata: ["redis.error": "\(error)"]
            )
            return await fallback.admit(client)
        }
    }
}
