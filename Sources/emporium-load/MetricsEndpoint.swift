import ArgumentParser
import Foundation
import Hummingbird
import LoadKit
import Telemetry

/// Serves a run's ``LoadMetrics`` at `http://ADDRESS/metrics` (Prometheus text or OpenMetrics, as the scrape
/// asks) while the run lasts, so a Prometheus beside the target shows the load next to what it does.
enum MetricsEndpoint {
    /// Runs `body` once `metrics` are served at `address` (`HOST:PORT`, or `:PORT` for every interface).
    /// - Throws: `ExitCode(2)`, with the reason on standard error, when the address cannot be listened on.
    static func serving(
        _ metrics: LoadMetrics,
        at address: String,
        _ body: @Sendable () async throws -> Void
    ) async throws {
        let (host, port) = try parse(address)
        let registry = MetricsRegistry()
        registry.addCollector(metrics)
        let router = Router()
        router.get("/metrics") { request, _ -> Response in
            let format = ExpositionFormat.negotiate(accept: request.headers[.accept])
            return Response(
                status: .ok,
                headers: [.contentType: format.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.render(format)))
            )
        }
        let (listening, announce) = AsyncStream<Void>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { _ in announce.yield() }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            group.addTask { for await _ in listening { return } }
            defer { group.cancelAll() }
            do {
                try await group.next()
            } catch {
                FileHandle.standardError.write(Data("emporium-load: --metrics-address \(address): \(error)\n".utf8))
                throw ExitCode(2)
            }
            try await body()
        }
    }

    private static func parse(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65_535).contains(port)
        else {
            throw ValidationError("--metrics-address \(address): expected HOST:PORT or :PORT, such as :9464")
        }
        let host = String(address[..<colon])
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}
