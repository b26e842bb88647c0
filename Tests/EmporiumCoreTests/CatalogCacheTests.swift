import EmporiumCore
import Testing

@Suite("In-memory catalog cache")
struct CatalogCacheTests {
    let key = CatalogCacheKey.product(Identifier())

    @Test("a stored page is found until it is invalidated")
    func storeAndInvalidate() async {
        let cache = InMemoryCatalogCache()
        let miss = await cache.lookup(key)
        #expect(miss.value == nil)
        await cache.store([1, 2, 3], for: key, generation: miss.generation)
        #expect(await cache.lookup(key).value == [1, 2, 3])
        await cache.invalidate([key])
        #expect(await cache.lookup(key).value == nil)
    }

    @Test("a page read before an invalidation is not stored after it")
    func staleStoreRefused() async {
        let cache = InMemoryCatalogCache()
        let before = await cache.lookup(key)
        await cache.invalidate([key])  // the product changed while the page was being rendered
        await cache.store([9], for: key, generation: before.generation)
        #expect(await cache.lookup(key).value == nil)
        let after = await cache.lookup(key)
        await cache.store([7], for: key, generation: after.generation)
        #expect(await cache.lookup(key).value == [7])
    }

    @Test("entries expire after their time to live, and the oldest go beyond the capacity")
    func expiryAndCapacity() async {
        let expired = InMemoryCatalogCache(timeToLive: .zero)
        await expired.store([1], for: key, generation: await expired.lookup(key).generation)
        #expect(await expired.lookup(key).value == nil)

        let small = InMemoryCatalogCache(capacity: 2)
        let keys = (0..<3).map { _ in CatalogCacheKey.product(Identifier()) }
        for (index, key) in keys.enumerated() {
            await small.store([UInt8(index)], for: key, generation: await small.lookup(key).generation)
        }
        #expect(await small.lookup(keys[0]).value == nil)
        #expect(await small.lookup(keys[2]).value == [2])
    }
}
