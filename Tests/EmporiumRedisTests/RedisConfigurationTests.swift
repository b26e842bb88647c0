import EmporiumRedis
import Testing

@Suite("Redis URLs")
struct RedisConfigurationTests {
    @Test("host, port, user, password (percent-decoded) and database come from the URL; the rest defaults")
    func parsing() throws {
        let full = try RedisConfiguration(url: "redis://shop:p%40ss%3Aword@cache.internal:6380/2")
        #expect(full.host == "cache.internal" && full.port == 6380 && full.database == 2)
        #expect(full.username == "shop" && full.password == "p@ss:word")
        #expect(full.redactedURL == "redis://shop:***@cache.internal:6380/2")
        let bare = try RedisConfiguration(url: "redis://127.0.0.1")
        #expect(bare.port == 6379 && bare.database == 0 && bare.username == nil && bare.password == nil)
        let passwordOnly = try RedisConfiguration(url: "redis://:secret@localhost/1")
        #expect(passwordOnly.username == nil && passwordOnly.password == "secret")
    }

    @Test("a wrong URL says what was expected, without the password")
    func errors() {
        for url in ["http://localhost:6379", "redis://", "redis://localhost/x", "redis://:secret@localhost/-1"] {
            let error = #expect(throws: RedisError.self) { try RedisConfiguration(url: url) }
            #expect(error?.code == .invalidURL)
            #expect(
                error?.message.contains("redis://[user[:password]@]host") == true,
                "\(url): \(String(describing: error))"
            )
            #expect(error?.message.contains("secret") == false)
        }
    }
}
