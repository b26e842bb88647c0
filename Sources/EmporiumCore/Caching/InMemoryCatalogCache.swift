import CoreMetrics
import Synchronization

/// The embedded catalog cache: a dictionary in this process, entries living ``timeToLive`` at most, the oldest
/// dropped beyond ``capacity``. Lookups count in `emporium_cache_requests_total{cache,result}` (`cache` is
/// `product_page` or `search_page`).
///
/// Invalidation reaches this process only: another replica's change shows here once the entry expires, which is
/// why the time to live is short.
public final class InMemoryCatalogCache: CatalogCache {
    /// The swift-metrics label of the lookup counter.
    public static let requestsLabel = "emporium.cache.requests"

    private struct Entry {
        var value: [UInt8]
        var expires: ContinuousClock.Instant
        /// The generation it was stored under; a later one makes it stale.
        var generation: UInt64
    }

    private struct State {
        var entries: [CatalogCacheKey: Entry] = [:]
        /// The clock value of each generation key's last invalidation; one not here was last invalidated at
        /// ``floor`` or before.
        var generations: [String: UInt64] = [:]
        /// Counts invalidations.
        var clock: UInt64 = 0
        /// The clock when forgotten generations were last dropped.
        var floor: UInt64 = 0
        /// Keys in the order they were stored, for dropping the oldest; may hold keys already gone.
        var order: [CatalogCacheKey] = []

        func generation(of key: CatalogCacheKey) -> UInt64 { generations[key.generationKey] ?? floor }
    }

    public let timeToLive: Duration
    public let capacity: Int
    private let state = Mutex(State())
    private let requests = CacheRequestKind.counters()

    /// Creates an empty cache.
    public init(timeToLive: Duration = .seconds(30), capacity: Int = 50_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    public func lookup(_ key: CatalogCacheKey) async -> CatalogCacheLookup {
        let now = ContinuousClock.now
        let found = state.withLock { state in
            let generation = state.generation(of: key)
            let entry = state.entries[key].flatMap { $0.expires > now && $0.generation == generation ? $0.value : nil }
            return CatalogCacheLookup(value: entry, generation: generation)
        }
        requests[CacheRequestKind(cache: key.cacheName, result: found.value == nil ? "miss" : "hit")].increment()
        return found
    }

    public func store(_ value: [UInt8], for key: CatalogCacheKey, generation: UInt64) async {
        let expires = ContinuousClock.now + timeToLive
        state.withLock { state in
            guard state.generation(of: key) == generation else { return }
            let entry = Entry(value: value, expires: expires, generation: generation)
            if state.entries.updateValue(entry, forKey: key) == nil {
                state.order.append(key)
            }
            evictOldest(&state)
        }
    }

    public func invalidate(_ keys: [CatalogCacheKey]) async {
        state.withLock { state in
            for key in keys {
                state.clock &+= 1
                state.entries[key] = nil
                state.generations[key.generationKey] = state.clock
            }
        }
    }

    private func evictOldest(_ state: inout State) {
        while state.entries.count > capacity, !state.order.isEmpty {
            state.entries[state.order.removeFirst()] = nil
        }
        if state.order.count > 2 * capacity {
            state.order.removeAll { state.entries[$0] == nil }
        }
        if state.generations.count > 2 * capacity {
            // Forgotten keys now report the floor, which no lookup before this moment can have seen after an
            // invalidation it missed, so no stale page is stored.
            state.floor = state.clock
            let live = Set(state.entries.keys.map(\.generationKey))
            state.generations = state.generations.filter { live.contains($0.key) }
        }
    }
}
