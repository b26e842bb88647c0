import Foundation
import Synchronization

/// A `redis-server` of one test, on a port of its own, that the test can stop and start again (Debian
/// `redis-server`, which `make test` installs).
public final class OwnRedisServer: Sendable {
    public let port: Int
    private let process = Mutex<Process?>(nil)

    private init(port: Int) {
        self.port = port
    }

    /// A server started on a free loopback port.
    public static func started() async throws -> OwnRedisServer {
        let server = OwnRedisServer(port: try FreePort.find())
        try await server.start()
        return server
    }

    deinit {
        if let process = process.withLock({ $0.take() }), process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    /// `redis://127.0.0.1:PORT/0`.
    public var url: String { "redis://127.0.0.1:\(port)/0" }

    /// Starts the server (again), on the same port, empty.
    public func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "redis-server", "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process.withLock { $0 = process }
        // Waiting never blocks a thread: the cooperative pool is shared with every other test.
        for _ in 0..<250 where !Self.accepts(port) { try await Task.sleep(for: .milliseconds(20)) }
        guard Self.accepts(port) else { throw TestSetupError("redis-server did not start on port \(port)") }
    }

    /// Kills the server, as a crash would (the test process blocks SIGTERM in the threads its children inherit
    /// their signal mask from, so a polite stop would never arrive).
    public func stop() async {
        guard let process = self.process.withLock({ $0.take() }), process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    private static func accepts(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
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
