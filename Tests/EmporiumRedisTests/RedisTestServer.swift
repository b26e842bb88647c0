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
}

/// A `redis-server` of one test, on a port of its own, that the test can stop and start again.
final class OwnRedisServer {
    let port: Int
    private var process: Process?

    init() throws {
        port = try FreePort.find()
        try start()
    }

    deinit { stop() }

    var url: String { "redis://127.0.0.1:\(port)/0" }

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "redis-server", "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        for _ in 0..<100 where !Self.accepts(port) { Thread.sleep(forTimeInterval: 0.05) }
        guard Self.accepts(port) else { throw TestSetupError("redis-server did not start on port \(port)") }
    }

    /// Kills the server, as a crash would (the test process blocks SIGTERM in the threads its children inherit
    /// their signal mask from, so a polite stop would never arrive).
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    private static func accepts(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
