import EmporiumRedis
import EmporiumTesting
import Foundation
import Logging
import Testing

/// The Redis of the test run, from `EMPORIUM_TEST_REDIS_URL` (`make test` starts one), and Redis servers of a
/// test's own, for stopping and restarting.
enum RedisTestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["EMPORIUM_TEST_REDIS_URL"] ?? "redis://127.0.0.1:6379/0"
    /// True when Redis cases must run: a URL was given, or this is CI.
    static let isRequired = environment["EMPORIUM_TEST_REDIS_URL"] != nil || environment["CI"] == "true"
    static let skipReason: Comment = "Redis cases are not run: set EMPORIUM_TEST_REDIS_URL, as `make test` does"

    /// A client of the shared server, shut down after `body`.
    static func withClient(
        _ adjust: (inout RedisConfiguration) -> Void = { _ in },
        _ body: (RedisClient) async throws -> Void
    ) async throws {
        var configuration = try RedisConfiguration(url: url)
        adjust(&configuration)
        let client = RedisClient(configuration: configuration, logger: Logger(label: "redis-tests"))
        do {
            try await body(client)
        } catch {
            await client.shutDown()
            throw error
        }
        await client.shutDown()
    }

    /// A key no other test uses.
    static func key(_ name: String) -> String { "emporium-test:\(UUID().uuidString):\(name)" }

    /// A client of a test's own server that retries quickly after it comes back (backoff at most 200 ms).
    static func client(of server: OwnRedisServer, poolSize: Int = 8) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: server.url)
        configuration.poolSize = poolSize
        configuration.maximumBackoff = .milliseconds(200)
        return RedisClient(configuration: configuration, logger: Logger(label: "redis-tests"))
    }
}
