/// Runs the readiness checks side by side, each within ``checkTimeout``: what `/health/ready` answers and what
/// the readiness monitor exposes as `emporium_readiness_check_up`.
struct ReadinessProbe: Sendable {
    /// How long one check may take before it counts as failed.
    static var checkTimeout: Duration { .seconds(1) }

    let checks: [ReadinessCheck]

    /// Each check's result by name: `ok`, or what failed.
    func results() async -> [String: String] {
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
}
