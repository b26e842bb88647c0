import CoreMetrics
public import EmporiumCore
public import Logging

/// The catalog cache shared by every Emporium process: a Redis string per page (`emporium:catalog:KEY`,
/// expiring after ``timeToLive``, its first eight bytes the generation it was stored under) and a generation
/// counter per generation key (`emporium:catalog-generation:product:ID`, one `…:searches` for every search page)
/// that invalidation increments. A page is stored by a script that compares the generation first, and a lookup
/// takes a page only under the current generation, so a page read before a change is never served after it,
/// whichever process made the change.
///
/// Redis failing degrades to the database: a lookup that fails is a miss (counted as `result="error"`), a store
/// is skipped, and an invalidation that fails leaves a stale page until its time to live ends. Checkout never
/// reads the cache, so no stale price is ever charged.
public struct RedisCatalogCache: CatalogCache {
    static let collection = "catalog"
    /// Stores the page only when the generation is still the one looked up.
    static let storeScript = """
        local current = tonumber(redis.call('GET', KEYS[2]) or '0')
        if current ~= tonumber(ARGV[2]) then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """

    public let redis: RedisClient
    public let timeToLive: Duration
    private let logger: Logger
    private let requests = CacheRequestKind.counters()

    public init(redis: RedisClient, timeToLive: Duration = .seconds(30), logger: Logger) {
        self.redis = redis
        self.timeToLive = timeToLive
        self.logger = logger
    }

    public func lookup(_ key: CatalogCacheKey) async -> CatalogCacheLookup {
        do {
            let replies = try await redis.pipeline([
                RedisCommand("GET", Self.valueKey(key), collection: Self.collection),
                RedisCommand("GET", Self.generationKey(key), collection: Self.collection),
            ])
            let generation = UInt64(replies[1].integer ?? 0)
            let value = replies[0].bytes.flatMap { Self.page($0, storedUnder: generation) }
            requests[CacheRequestKind(cache: key.cacheName, result: value == nil ? "miss" : "hit")].increment()
            return CatalogCacheLookup(value: value, generation: generation)
        } catch {
            requests[CacheRequestKind(cache: key.cacheName, result: "error")].increment()
            logger.debug("catalog cache lookup failed", metadata: ["redis.error": "\(error)"])
            return CatalogCacheLookup(value: nil, generation: 0)
        }
    }

    public func store(_ value: [UInt8], for key: CatalogCacheKey, generation: UInt64) async {
        let milliseconds = Int(timeToLive / .milliseconds(1))
        do {
            try await redis.send(
                RedisCommand(
                    "EVAL",
                    Self.storeScript,
                    2,
                    Self.valueKey(key),
                    Self.generationKey(key),
                    Self.bytes(of: generation) + value,
                    Int(truncatingIfNeeded: generation),
                    max(milliseconds, 1),
                    collection: Self.collection
                )
            )
        } catch {
            logger.debug("catalog cache store failed", metadata: ["redis.error": "\(error)"])
        }
    }

    public func invalidate(_ keys: [CatalogCacheKey]) async {
        guard !keys.isEmpty else { return }
        // A generation outlives the pages stored under it; forgotten after that, it reads as 0 again, which no
        // reader still in flight can have seen before the change.
        let generationLifetime = max(Int(timeToLive / .milliseconds(1)) * 2, 1)
        let commands = keys.flatMap { key in
            [
                RedisCommand("INCR", Self.generationKey(key), collection: Self.collection),
                RedisCommand("PEXPIRE", Self.generationKey(key), generationLifetime, collection: Self.collection),
                RedisCommand("DEL", Self.valueKey(key), collection: Self.collection),
            ]
        }
        do {
            _ = try await redis.pipeline(commands)
        } catch {
            logger.warning(
                "catalog cache invalidation failed; the pages expire on their own",
                metadata: ["redis.error": "\(error)", "catalog.keys": "\(keys.count)"]
            )
        }
    }

    static func valueKey(_ key: CatalogCacheKey) -> String { "emporium:catalog:\(key)" }
    static func generationKey(_ key: CatalogCacheKey) -> String { "emporium:catalog-generation:\(key.generationKey)" }

    /// A generation as eight big-endian bytes, the prefix of a stored page.
    static func bytes(of generation: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: generation >> (56 - 8 * UInt64($0))) }
    }

    /// The page in a stored value, if it was stored under `generation`.
    static func page(_ stored: [UInt8], storedUnder generation: UInt64) -> [UInt8]? {
        guard stored.count >= 8, stored.prefix(8).reduce(0, { $0 << 8 | UInt64($1) }) == generation else { return nil }
        return Array(stored.dropFirst(8))
    }
}
