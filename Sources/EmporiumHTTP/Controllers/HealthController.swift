import FoundationEssentials
public import Hummingbird
import Logging

/// `GET /health/live` (the process answers) and `GET /health/ready` (every dependency answers, within a
/// second each; otherwise 503 naming the failing checks, or 200 `degraded` when only non-critical ones fail).
public struct HealthController<Context: RequestContext>: Sendable {
    /// How long one check may take before it counts as failed.
    static var checkTimeout: Duration { .seconds(1) }

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
            let results = await runChecks()
            let failing = checks.filter { results[$0.name] != "ok" }
            let unready = failing.contains(where: \.isCritical)
            if !failing.isEmpty { context.logger.warning("not ready", metadata: ["checks": "\(results)"]) }
            return Self.json(
                unready ? .serviceUnavailable : .ok,
                Readiness(status: unready ? "unavailable" : failing.isEmpty ? "ready" : "degraded", checks: results)
            )
        }
    }

    /// Each check's result: `ok`, or what failed.
    private func runChecks() async -> [String: String] {
        await withTaskGroup(of: (String, String).self) { group in
            for check in checks {
                group.addTask { (check.name, await Self.run(check)) }
            }
            var results: [String: String] = [:]
            for await (name, result) in group { results[name] = result }
            return results
        }
    }

    private static func run(_ check: ReadinessCheck) async -> String {
        do {
            return try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask {
                    try await check.check()
                    return "ok"
                }
                group.addTask {
                    try await Task.sleep(for: checkTimeout)
                    return "no answer within \(checkTimeout)"
                }
                defer { group.cancelAll() }
                return try await group.next() ?? "ok"
            }
        } catch {
            return "failed: \(error)"
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
