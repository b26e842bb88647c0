import EmporiumRedis
import Foundation
import Logging

// Usage: RedisBench [REQUESTS] [ROUNDS]   (make bench runs it with EMPORIUM_TEST_REDIS_URL set)
// GET of one small key, pipelining off, 32 clients: redis-benchmark beside Emporium's adapter (RedisClient with a
// pool of 32, every call through its thread pool), alternating round by round against the same server.
// Goal: the adapter reaches ≥ 0.5 of redis-benchmark.
let arguments = Array(CommandLine.arguments.dropFirst()).compactMap(Int.init)
guard let url = ProcessInfo.processInfo.environment["EMPORIUM_TEST_REDIS_URL"] else {
    FileHandle.standardError.write(Data("RedisBench needs EMPORIUM_TEST_REDIS_URL (make bench sets it)\n".utf8))
    exit(2)
}
try await RedisBenchmark(url: url, requests: arguments.first ?? 200_000, rounds: arguments.dropFirst().first ?? 5).run()
