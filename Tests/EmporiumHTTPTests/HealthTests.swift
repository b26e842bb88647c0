import EmporiumHTTP
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Readiness")
struct HealthTests {
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    func ready(_ checks: [ReadinessCheck]) async throws -> (HTTPResponse.Status, String) {
        let router = Router()
        HealthController(checks: checks).addRoutes(to: router)
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { ($0.status, String(buffer: $0.body)) }
        }
    }

    @Test("a failing dependency the shop degrades without (Redis) leaves it ready, as degraded, and names it")
    func degraded() async throws {
        let (status, body) = try await ready([
            ReadinessCheck(name: "database") {},
            ReadinessCheck(name: "redis", isCritical: false) { throw Unreachable() },
        ])
        #expect(status == .ok)
        #expect(body == #"{"checks":{"database":"ok","redis":"failed: connection refused"},"status":"degraded"}"#)
    }

    @Test("a failing critical dependency makes the process unready")
    func unready() async throws {
        let (status, body) = try await ready([
            ReadinessCheck(name: "database") { throw Unreachable() },
            ReadinessCheck(name: "redis", isCritical: false) {},
        ])
        #expect(status == .serviceUnavailable)
        #expect(body == #"{"checks":{"database":"failed: connection refused","redis":"ok"},"status":"unavailable"}"#)
    }
}
