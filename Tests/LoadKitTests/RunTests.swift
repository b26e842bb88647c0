import EmporiumTesting
import Foundation
import LoadKit
import Testing

@Suite("Runs against a live server", .serialized)
struct RunTests {
    func run(_ yaml: String, target: String) async throws -> RunReport {
        let test = try ScenarioFile.parse(yaml, file: "test.yaml", directory: NSTemporaryDirectory())
        return try await LoadRun(test: test, options: RunOptions(target: target)).run(progress: SilentProgress())
    }

    @Test("an arrival rate is kept within 1 % over 10 seconds")
    func rateAccuracy() async throws {
        try await TestServer.with { base in
            let report = try await run(
                """
                scenarios:
                  - {name: steady, executor: constant-arrival-rate, rate: 100, duration: 10s, max_vus: 20, journey: ping}
                journeys:
                  ping: [{name: ok, get: /ok}]
                budgets: [throughput >= 99/s, error_rate < 0.1%]
                """,
                target: base
            )
            #expect(abs(report.total.requests - 1_000) <= 10, "\(report.total.requests) requests")
            let iterations = try #require(report.iterations["steady"])
            #expect(iterations.completed == report.total.requests && iterations.failed == 0 && iterations.dropped == 0)
            #expect(report.exitCode == 0, "\(report.verdicts)")
        }
    }

    @Test("a one-second stall shows in the corrected p99; the uncorrected figure, beside it, hides it")
    func coordinatedOmission() async throws {
        // The server stalls for 1 s once every 10 s; a 6-second run sees one stall, delaying a sixth of the
        // requests by up to 1 s, so the corrected p99 is about 940 ms (a 10-second run would put it at 900 ms
        // exactly, where a few milliseconds of timing decide the test).
        try await TestServer.with(stalls: .init(at: [3, 13])) { base in
            let report = try await run(
                """
                scenarios:
                  - {name: steady, executor: constant-arrival-rate, rate: 100, duration: 6s, max_vus: 5, journey: ping}
                journeys:
                  ping: [{name: stall, get: /stall}]
                budgets: [latency p99 < 500ms]
                """,
                target: base
            )
            let corrected = try #require(report.total.latency.p99)
            let uncorrected = try #require(report.total.uncorrected.p99)
            #expect(corrected >= 900, "corrected p99 \(corrected) ms")
            #expect(uncorrected < 300, "uncorrected p99 \(uncorrected) ms, well under the stall")
            #expect(report.exitCode == 99)
        }
    }

    @Test("a journey logs in once per virtual user, reuses the token, sends one trace per iteration")
    func journeys() async throws {
        try await TestServer.with { base in
            let report = try await run(
                """
                scenarios:
                  - {name: shop, executor: per-vu-iterations, vus: 2, iterations: 3, journey: shop}
                journeys:
                  shop:
                    - {name: login, once: per-vu, post: /login, json: {user: "{{vu}}"}, check: {status: 200}, extract: {token: /access_token, item: /items/0/id}}
                    - {name: whoami, get: "/whoami?item={{item}}", headers: {Authorization: "Bearer {{token}}"}, check: {status: 200}}
                    - {name: trace, get: /trace, check: {status: 200, body_contains: "00-"}}
                budgets: [check_rate == 100%]
                """,
                target: base
            )
            let steps = Dictionary(uniqueKeysWithValues: report.steps.map { ($0.step, $0.requests) })
            #expect(steps == ["login": 2, "whoami": 6, "trace": 6])
            #expect(report.total.failures.isEmpty)
            #expect(report.exitCode == 0, "\(report.verdicts)")
        }
    }

    @Test("a value in a request target is percent-encoded where a URL cannot carry it; a whole path is kept")
    func requestTargetValues() async throws {
        try await TestServer.with { base in
            let report = try await run(
                #"""
                scenarios:
                  - {name: shop, executor: per-vu-iterations, vus: 1, iterations: 1, journey: shop}
                journeys:
                  shop:
                    - {name: term, get: /term, check: {status: 200}, extract: {term: /term, path: /path}}
                    - {name: search, get: "/echo?q={{term}}&limit=2", check: {status: 200, body_contains: "/echo?q=wireless%20earbuds%20%C3%BC%22%231&limit=2"}}
                    - {name: path, get: "{{path}}", check: {status: 200, body_contains: "/echo?x=1"}}
                budgets: [check_rate == 100%]
                """#,
                target: base
            )
            #expect(report.total.failures.isEmpty, "\(report.total.failures)")
            #expect(report.exitCode == 0, "\(report.verdicts)")
        }
    }

    @Test("failures are told apart: refused connections, failed checks, server errors; nothing reached exits 1")
    func failures() async throws {
        let port = try FreePort.find()
        let report = try await run(
            """
            scenarios:
              - {name: nowhere, executor: per-vu-iterations, vus: 1, iterations: 3, journey: ping}
            journeys:
              ping: [{name: ok, get: /ok}]
            """,
            target: "http://127.0.0.1:\(port)"
        )
        #expect(report.total.failures == [.connectRefused: 3])
        #expect(report.exitCode == 1)
        try await TestServer.with { base in
            let checked = try await run(
                """
                scenarios:
                  - {name: checks, executor: per-vu-iterations, vus: 1, iterations: 2, journey: ping}
                journeys:
                  ping:
                    - {name: wrong status, get: /ok, check: {status: 201}}
                    - {name: unauthorized, get: /whoami}
                """,
                target: base
            )
            let failures = Dictionary(uniqueKeysWithValues: checked.steps.map { ($0.step, $0.failures) })
            #expect(failures == ["wrong status": [.checkFailed: 2], "unauthorized": [.httpError: 2]])
            let reasons = checked.failureExamples.map { "\($0.count)× \($0.step): \($0.reason)" }
            #expect(reasons == ["2× wrong status: status 200, expected 201", "2× unauthorized: status 401"])
        }
    }

    @Test("cancelling a run ends it early, open and closed models alike, and reports what ran")
    func cancellation() async throws {
        try await TestServer.with { base in
            let started = ContinuousClock.now
            let running = Task {
                try await run(
                    """
                    scenarios:
                      - {name: open, executor: constant-arrival-rate, rate: 50, duration: 20s, max_vus: 10, journey: ping}
                      - {name: closed, executor: constant-vus, vus: 2, duration: 20s, journey: wait}
                    journeys:
                      ping: [{name: ok, get: /ok}]
                      wait: [{name: ok, get: /ok}, {think: 200ms}]
                    """,
                    target: base
                )
            }
            try await Task.sleep(for: .seconds(2))
            running.cancel()
            let report = try await running.value
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(report.total.requests >= 50, "\(report.total.requests) requests in about 2 s")
            #expect(report.total.failures.isEmpty)
        }
    }
}
