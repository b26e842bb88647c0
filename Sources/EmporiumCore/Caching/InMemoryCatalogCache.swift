import CoreMetrics
import Synchronization

/// The embedded catalog cache: a dictionary in this process, entries living ``timeToLive`` at most, the oldest
/// dropped beyond ``capacity``. Lookups count in `emporium_cache_requests_total{cache="product_page",result}`.
///
/// Invalidation reaches this process only: another replica's change shows here once the entry expires, which is
/// why the time to live is short.
public final class InMemoryCatalogCache: CatalogCache {
    /// The swift-metrics label of the lookup counter.
    public static let requestsLabel = "emporium.cache.requests"

    private struct Entry {
        var value: [UInt8]
        var expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [CatalogCacheKey: Entry] = [:]
        /// The clock value of each key's last invalidation; a key not here was last invalidated at ``floor`` or
        /// before.
        var generations: [CatalogCacheKey: UInt64] = [:]
        /// Counts invalidations.
        var clock: UInt64 = 0
        /// The clock when forgotten generations were last dropped.
        var floor: UInt64 = 0
        /// Keys in the order they were stored, for dropping the oldest; may hold keys already gone.
        var order: [CatalogCacheKey] = []

        func generation(of key: CatalogCacheKey) -> UInt64 { generations[key] ?? floor }
    }

    public let timeToLive: Duration
    public let capacity: Int
    private let state = Mutex(State())
    private let requests = MetricHandles<Bool, Counter> { hit in
        Counter(
            label: InMemoryCatalogCache.requestsLabel,
            dimensions: [("cache", "product_page"), ("result", hit ? "hit" : "miss")]
        )
    }

    /// Creates an empty cache.
    public init(timeToLive: Duration = .seconds(30), capacity: Int = 50_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    public func lookup(_ key: CatalogCacheKey) async -> CatalogCacheLookup {
        let now = ContinuousClock.now
        let found = state.withLock { state in
            let entry = state.entries[key].flatMap { $0.expires > now ? $0.value : nil }
            return CatalogCacheLookup(value: entry, generation: state.generation(of: key))
        }
        requests[found.value != nil].increment()
        return found
    }

    public func store(_ value: [UInt8], for key: CatalogCacheKey, generation: UInt64) async {
        let expires = ContinuousClock.now + timeToLive
        state.withLock { state in
            guard state.generation(of: key) == generation else { return }
            if state.entries.updateValue(Entry(value: value, expires: expires), forKey: key) == nil {
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
                state.generations[key] = state.clock
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
            state.generations = state.generations.filter { state.entries[$0.key] != nil }
        }
    }
}
