import EmporiumRedis
import EmporiumTesting
import Foundation
import Logging
import Testing

@Suite(
    "The Redis client against a real redis-server",
    .enabled(if: RedisTestServer.isRequired, RedisTestServer.skipReason)
)
struct RedisClientTests {
    @Test("values are binary-safe: NUL bytes, CR LF, invalid UTF-8 and empty values come back as sent")
    func binarySafety() async throws {
        try await RedisTestServer.withClient { (redis: RedisClient) async throws in
            let key = RedisTestServer.key("binary")
            let value: [UInt8] = [0, 13, 10, 0xFF, 0xFE, 36, 42] + Array("\r\n$3\r\n".utf8)
            try await redis.send(RedisCommand("SET", key, value, collection: "test"))
            #expect(try await redis.send(RedisCommand("GET", key, collection: "test")) == .bulkString(value))
            try await redis.send(RedisCommand("SET", key, [UInt8](), collection: "test"))
            #expect(try await redis.send(RedisCommand("GET", key, collection: "test")) == .bulkString([]))
            #expect(try await redis.send(RedisCommand("GET", key + ":missing", collection: "test")) == .null)
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }

    @Test("every reply type decodes: status, integer, bulk string, null, nested arrays")
    func replyTypes() async throws {
        try await RedisTestServer.withClient { (redis: RedisClient) async throws in
            let key = RedisTestServer.key("hash")
            #expect(try await redis.send(RedisCommand("PING", collection: "test")) == .status("PONG"))
            #expect(
                try await redis.send(RedisCommand("HSET", key, "a", "1", "b", "2", collection: "test")) == .integer(2)
            )
            let all = try #require(try await redis.send(RedisCommand("HGETALL", key, collection: "test")).array)
            #expect(Set(all.compactMap(\.string)) == ["a", "1", "b", "2"])
            let scripted = try await redis.send(
                RedisCommand("EVAL", "return {1, 'two', {3}, false}", 0, collection: "test")
            )
            #expect(scripted == .array([.integer(1), .bulkString(Array("two".utf8)), .array([.integer(3)]), .null]))
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }

    @Test("a pipeline sends its commands in one round trip and answers in order, an error in its place")
    func pipelines() async throws {
        try await RedisTestServer.withClient { (redis: RedisClient) async throws in
            let key = RedisTestServer.key("counter")
            let replies = try await redis.pipeline([
                RedisCommand("INCR", key, collection: "test"),
                RedisCommand("INCRBY", key, 41, collection: "test"),
                RedisCommand("HGET", key, "field", collection: "test"),
                RedisCommand("GET", key, collection: "test"),
            ])
            #expect(replies.count == 4)
            #expect(replies[0] == .integer(1) && replies[1] == .integer(42))
            guard case .error(let message) = replies[2] else {
                Issue.record("expected WRONGTYPE, got \(replies[2])")
                return
            }
            #expect(message.hasPrefix("WRONGTYPE"))
            #expect(replies[3].integer == 42)
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }

    @Test("an error reply throws with Redis' own text; the connection stays usable")
    func serverErrors() async throws {
        try await RedisTestServer.withClient({ $0.poolSize = 1 }) { (redis: RedisClient) async throws in
            let key = RedisTestServer.key("list")
            try await redis.send(RedisCommand("RPUSH", key, "x", collection: "test"))
            let error = await #expect(throws: RedisError.self) {
                try await redis.send(RedisCommand("INCR", key, collection: "test"))
            }
            #expect(error?.code == .server)
            #expect(error?.message.hasPrefix("WRONGTYPE") == true, "\(String(describing: error))")
            #expect(try await redis.send(RedisCommand("LLEN", key, collection: "test")) == .integer(1))
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }

    @Test("a command that outlasts the timeout fails as a timeout, and the next one gets a new connection")
    func timeouts() async throws {
        try await RedisTestServer.withClient({ $0.commandTimeout = .milliseconds(200) }) {
            (redis: RedisClient) async throws in
            let started = ContinuousClock.now
            let error = await #expect(throws: RedisError.self) {
                try await redis.send(RedisCommand("BLPOP", RedisTestServer.key("never"), 10, collection: "test"))
            }
            #expect(error?.code == .timeout, "\(String(describing: error))")
            // Well before BLPOP's own 10 s, however busy the machine.
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(try await redis.send(RedisCommand("PING", collection: "test")) == .status("PONG"))
        }
    }

    @Test("two hundred concurrent callers share a pool of four connections, each getting its own answer")
    func concurrency() async throws {
        try await RedisTestServer.withClient({ $0.poolSize = 4 }) { (redis: RedisClient) async throws in
            let key = RedisTestServer.key("concurrent")
            let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let field = "f\(index)"
                        try await redis.send(RedisCommand("HSET", key, field, index, collection: "test"))
                        return try await redis.send(RedisCommand("HGET", key, field, collection: "test")).integer
                            == index
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(answers.count == 200 && answers.allSatisfy { $0 })
            #expect(try await redis.send(RedisCommand("HLEN", key, collection: "test")) == .integer(200))
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }

    @Test("a restarted server is reconnected to: commands fail fast while it is down and work once it is back")
    func reconnect() async throws {
        let server = try await OwnRedisServer.started()
        let redis = try RedisTestServer.client(of: server, poolSize: 2)
        try await redis.send(RedisCommand("SET", "greeting", "hello", collection: "test"))

        await server.stop()
        let down = ContinuousClock.now
        let error = await #expect(throws: RedisError.self) {
            try await redis.send(RedisCommand("GET", "greeting", collection: "test"))
        }
        #expect(
            [.connectionFailed, .connectionLost, .unavailable].contains(error?.code),
            "\(String(describing: error))"
        )
        #expect(ContinuousClock.now - down < .seconds(2), "a down server fails commands quickly")

        try await server.start()
        try await Task.sleep(for: .milliseconds(300))  // past the longest backoff
        #expect(try await redis.send(RedisCommand("PING", collection: "test")) == .status("PONG"))
        #expect(
            try await redis.send(RedisCommand("GET", "greeting", collection: "test")) == .null,
            "a new, empty server"
        )
        await redis.shutDown()
    }

    @Test("AUTH and SELECT come from the URL; a wrong password fails to connect with Redis' reason")
    func authenticationAndDatabase() async throws {
        try await RedisTestServer.withClient({ $0.database = 3 }) { (redis: RedisClient) async throws in
            let key = RedisTestServer.key("db")
            try await redis.send(RedisCommand("SET", key, "in three", collection: "test"))
            #expect(
                try await redis.send(RedisCommand("CLIENT", "INFO", collection: "test")).string?.contains("db=3")
                    == true
            )
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
        try await RedisTestServer.withClient({ $0.password = "not the password" }) {
            (redis: RedisClient) async throws in
            let error = await #expect(throws: RedisError.self) {
                try await redis.send(RedisCommand("PING", collection: "test"))
            }
            #expect(error?.code == .connectionFailed)
            #expect(
                error?.message.contains("AUTH") == true || error?.message.contains("password") == true,
                "\(String(describing: error))"
            )
        }
    }
}
