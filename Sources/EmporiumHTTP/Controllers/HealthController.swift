import FoundationEssentials
public import Hummingbird
import Logging

/// `GET /health/live` (the process answers) and `GET /health/ready` (every dependency answers, within a
/// second each; otherwise 503 naming the failing checks, or 200 `degraded` when only non-critical ones fail).
public struct HealthController<Context: RequestContext>: Sendable {
    let checks: [ReadinessCheck]

    /// Creates the controller.
    public init(checks: [ReadinessCheck] = []) {
        self.checks = checks
    }

    public func addRoutes(to router: some RouterMethods<Context>) {
        router.get("/health/live") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#))
            )
        }
        router.get("/health/ready") { _, context in
            let results = await ReadinessProbe(checks: checks).results()
            let failing = checks.filter { results[$0.name] != "ok" }
            let unready = failing.contains(where: \.isCritical)
            if !failing.isEmpty { context.logger.warning("not ready", metadata: ["checks": "\(results)"]) }
            return Self.json(
                unready ? .serviceUnavailable : .ok,
                Readiness(status: unready ? "unavailable" : failing.isEmpty ? "ready" : "degraded", checks: results)
            )
        }
    }

    private struct Readiness: Encodable {
        var status: String
        var checks: [String: String]?
    }

    static func json(_ status: HTTPResponse.Status, _ body: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = (try? encoder.encode(body)) ?? Data(#"{"status":"unknown"}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(bytes: bytes))
        )
    }
}
