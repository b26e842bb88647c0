/// A cache of rendered catalog pages (a product page's JSON), shared by the requests of one process or, with
/// Redis, of every process. Entries expire after a time to live and are invalidated when what they show
/// changes; checkout never reads them, so a stale page can never set a price.
///
/// A reader notes the key's generation before it reads the database and stores its page only if no
/// invalidation came in between, so a page read before a change is never stored after it.
public protocol CatalogCache: Sendable {
    /// The cached value, if any, and the key's generation to store a fresh value under.
    func lookup(_ key: CatalogCacheKey) async -> CatalogCacheLookup
    /// Stores a value unless the key was invalidated since `generation` was looked up.
    func store(_ value: [UInt8], for key: CatalogCacheKey, generation: UInt64) async
    /// Drops the keys and moves their generations on.
    func invalidate(_ keys: [CatalogCacheKey]) async
}

/// What a lookup found.
public struct CatalogCacheLookup: Sendable {
    /// The cached bytes, `nil` on a miss.
    public var value: [UInt8]?
    /// The key's generation at the time of the lookup.
    public var generation: UInt64

    /// Creates a lookup result.
    public init(value: [UInt8]?, generation: UInt64) {
        self.value = value
        self.generation = generation
    }
}

/// The key of a cached page.
public struct CatalogCacheKey: Sendable, Hashable, CustomStringConvertible {
    /// The text form, `product:<id>`, also the Redis key's suffix.
    public let description: String

    private init(_ description: String) { self.description = description }

    /// A product's public page.
    public static func product(_ id: Identifier<Product>) -> CatalogCacheKey { CatalogCacheKey("product:\(id)") }
}
