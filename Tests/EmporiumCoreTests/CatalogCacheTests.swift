import EmporiumCore
import Testing

/// What every catalog cache must do is in EmporiumRedisTests (`CatalogCacheContractTests`), for both.
@Suite("In-memory catalog cache")
struct CatalogCacheTests {
    let key = CatalogCacheKey.product(Identifier())

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
