import Foundation
import FoundationNetworking

/// A `HTTPBench serve …` child process, stopped with SIGTERM.
final class ServerProcess {
    let mode: String
    let port: Int
    private let process = Process()

    /// Starts the server (on `cpus` only, `taskset -c`, when given) and waits until `readyPath` answers.
    init(
        mode: String,
        database: String,
        body: String? = nil,
        cpus: String? = nil,
        readyPath: String = "/api/v1/products/00000000-0000-0000-0000-000000000000"
    ) async throws {
        self.mode = mode
        self.port = try Self.freePort()
        let arguments = ["serve", mode, "\(port)", database] + (body.map { [$0] } ?? [])
        if let cpus {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
            process.arguments = ["-c", cpus, CommandLine.arguments[0]] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = arguments
        }
        try process.run()
        for _ in 0..<300 {
            if (try? await get(readyPath)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw BenchError("the \(mode) server did not come up")
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// The body of a GET (any status).
    func get(_ path: String) async throws -> Data {
        try await request(path, method: "GET", body: nil, token: nil).data
    }

    /// A request with a JSON body; returns the status and body.
    func request(_ path: String, method: String, body: String?, token: String?) async throws -> (status: Int, data: Data) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// `emporium_outbox_pending` from the server's metrics: how far the notification dispatcher is behind.
    func outboxBacklog() async throws -> String {
        let metrics = String(decoding: try await get("/metrics"), as: UTF8.self)
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("emporium_outbox_pending ") }
        return line.map { String($0.split(separator: " ").last ?? "?") } ?? "?"
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    private static func freePort() throws -> Int {
        let output = try Wrk.capture(
            "python3",
            ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        )
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("no free port")
        }
        return port
    }
}
