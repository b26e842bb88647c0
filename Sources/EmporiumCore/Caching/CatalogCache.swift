package import CoreMetrics

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
    /// The text form, `product:<id>` or `search:<query>`, also the Redis key's suffix.
    public let description: String
    /// The generation that decides whether an entry is current: a product page's own; for every search page
    /// the one of ``searches``, which any change to any product moves on.
    public let generationKey: String

    private init(_ description: String, generationKey: String? = nil) {
        self.description = description
        self.generationKey = generationKey ?? description
    }

    /// A product's public page.
    public static func product(_ id: Identifier<Product>) -> CatalogCacheKey { CatalogCacheKey("product:\(id)") }

    /// A page of search results, by its query string in a canonical order.
    public static func search(_ query: String) -> CatalogCacheKey {
        CatalogCacheKey("search:\(query)", generationKey: searches.description)
    }

    /// Invalidating it makes every cached search page stale at once.
    public static let searches = CatalogCacheKey("searches")

    /// The `cache` label of `emporium_cache_requests_total`: `product_page` or `search_page`.
    public var cacheName: String { generationKey == Self.searches.description ? "search_page" : "product_page" }
}

/// The series of `emporium_cache_requests_total`: which cache, and `hit`, `miss` or `error`.
package struct CacheRequestKind: Hashable, Sendable {
    package var cache: String
    package var result: String

    package init(cache: String, result: String) {
        self.cache = cache
        self.result = result
    }

    /// The counters of every kind, made on first use.
    package static func counters() -> MetricHandles<CacheRequestKind, Counter> {
        MetricHandles { kind in
            Counter(
                label: InMemoryCatalogCache.requestsLabel,
                dimensions: [("cache", kind.cache), ("result", kind.result)]
            )
        }
    }
}
