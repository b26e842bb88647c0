import Foundation
import Testing

@testable import LoadKit

@Suite("Scenario files: what runs, and errors that name file, line and field")
struct ScenarioFileTests {
    static let valid = """
        name: smoke
        defaults: {headers: {Accept: application/json}}
        scenarios:
          - name: browse
            executor: constant-arrival-rate
            rate: 20
            duration: 10s
            max_vus: 50
            journey: browse
          - name: ramp
            executor: ramping-vus
            stages: [{duration: 5s, target: 10}, {duration: 5s, target: 0}]
            journey: browse
        journeys:
          browse:
            - name: login
              once: per-vu
              post: /api/v1/auth/login
              json: {email: "a{{vu}}@example.com", password: "pw", remember: true, attempts: 3}
              check: {status: [200, 201]}
              extract: {token: /access_token, location: {header: Location}}
            - name: list products
              get: /api/v1/products?limit=20
              extract: {product_id: /items/0/id}
            - think: 100ms..300ms
            - name: product page
              get: /api/v1/products/{{product_id}}
              headers: {Authorization: "Bearer {{token}}"}
        budgets:
          - latency p95 < 200ms
          - latency p99 < 500ms for step "product page"
          - error_rate < 1%
          - latency p95 < 300ms for journey "browse" over 30s
        """

    func parse(_ text: String) throws(ScenarioError) -> LoadTest {
        try ScenarioFile.parse(text, file: "test.yaml", directory: NSTemporaryDirectory())
    }

    @Test("--rate scales the arrival-rate scenarios together, keeping the mix; --duration stretches ramps")
    func scaling() throws {
        let test = try parse(
            """
            base_url: http://127.0.0.1:1
            scenarios:
              - {name: browse, executor: constant-arrival-rate, rate: 10, duration: 10s, max_vus: 5, journey: j}
              - {name: buy, executor: ramping-arrival-rate, start_rate: 1, stages: [{duration: 10s, target: 5}], max_vus: 5, journey: j}
              - {name: crowd, executor: constant-vus, vus: 3, duration: 10s, journey: j}
            journeys:
              j: [{name: ok, get: /ok}]
            """
        )
        let run = try LoadRun(test: test, options: RunOptions(duration: .seconds(20), rate: 30))
        #expect(run.test.scenarios.map(\.executor.peakRate) == [20, 10, nil])
        #expect(run.test.scenarios[0].executor == .constantArrivalRate(rate: 20, duration: .seconds(20), maxVUs: 5))
        #expect(
            run.test.scenarios[1].executor
                == .rampingArrivalRate(startRate: 2, stages: [.init(duration: .seconds(20), target: 10)], maxVUs: 5)
        )
        #expect(run.test.scenarios[2].executor == .constantVUs(vus: 3, duration: .seconds(20)))
    }

    @Test("the contract example parses into scenarios, journeys and budgets")
    func validFile() throws {
        let test = try parse(Self.valid)
        #expect(test.name == "smoke")
        #expect(test.scenarios.map(\.name) == ["browse", "ramp"])
        #expect(test.scenarios[0].executor == .constantArrivalRate(rate: 20, duration: .seconds(10), maxVUs: 50))
        let steps = try #require(test.journeys["browse"]).steps
        #expect(steps.count == 4)
        guard case .request(let login) = steps[0], case .think(let low, let high) = steps[2] else {
            Issue.record("unexpected steps")
            return
        }
        #expect(login.oncePerVU && login.method == "POST" && login.checks == [.status([200, 201])])
        #expect(low == .milliseconds(100) && high == .milliseconds(300))
        guard case .json(let json) = login.body else {
            Issue.record("no JSON body")
            return
        }
        var variables = Variables(vu: 7)
        variables.iteration = 1
        #expect(
            try json.render(variables) == #"{"email":"a7@example.com","password":"pw","remember":true,"attempts":3}"#
        )
        #expect(test.budgets.map(\.scope) == [.all, .step("product page"), .all, .journey("browse")])
        #expect(test.budgets[3].window == .seconds(30))
    }

    @Test(
        "a mistake is refused before anything runs, naming the line and the field",
        arguments: [
            ("rate: 20", "rate: fast", 6, "scenarios[0].rate"),
            ("executor: constant-arrival-rate", "executor: constant-rate", 5, "scenarios[0].executor"),
            ("max_vus: 50", "max_vu: 50", 8, "scenarios[0].max_vu"),
            ("duration: 10s", "duration: ten", 7, "scenarios[0].duration"),
            ("    journey: browse\n  - name: ramp", "    journey: shop\n  - name: ramp", 9, "scenarios[0].journey"),
            ("{{product_id}}", "{{productid}}", 26, "journeys.browse[3]"),
            ("- think: 100ms..300ms", "- think: 300ms..100ms", 25, "journeys.browse[2].think"),
            ("error_rate < 1%", "error_rate < lots", 32, "budgets[2]"),
            ("for step \"product page\"", "for step \"checkout\"", 31, "budgets[1]"),
            (
                "check: {status: [200, 201]}", "check: {status: [200, 201], body: x}", 20,
                "journeys.browse[0].check.body"
            ),
        ] as [(String, String, Int, String)]
    )
    func errors(_ original: String, _ replacement: String, _ line: Int, _ field: String) {
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.valid, "the replacement applies")
        do {
            _ = try parse(text)
            Issue.record("accepted: \(replacement)")
        } catch {
            #expect(error.file == "test.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.field == field, "\(error)")
        }
    }

    @Test("broken YAML names its line; a missing file names the file")
    func unreadable() {
        #expect(throws: ScenarioError.self) { try parse("name: [unclosed\nscenarios: x") }
        do {
            _ = try ScenarioFile.load(path: "/no/such/file.yaml")
        } catch {
            #expect(error.description == "/no/such/file.yaml: cannot read the file")
        }
    }

    @Test("data files: rows per virtual user in the order asked for; too few unique rows is an error")
    func dataFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loadkit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "email,password\nada@example.com,\"p,w\"\"1\"\nbob@example.com,pw2\n".write(
            to: folder.appendingPathComponent("shoppers.csv"),
            atomically: true,
            encoding: .utf8
        )
        let text = Self.valid
            .replacingOccurrences(
                of: "defaults:",
                with: "data:\n  shoppers: {csv: shoppers.csv, order: unique}\ndefaults:"
            )
            .replacingOccurrences(of: "a{{vu}}@example.com", with: "{{shoppers.email}}")
        let test = try ScenarioFile.parse(text, file: "test.yaml", directory: folder.path)
        let shoppers = try #require(test.data["shoppers"])
        #expect(
            try shoppers.variables(forVU: 1) == ["shoppers.email": "ada@example.com", "shoppers.password": "p,w\"1"]
        )
        #expect(try shoppers.variables(forVU: 2)["shoppers.email"] == "bob@example.com")
        #expect(throws: DataExhausted.self) { try shoppers.variables(forVU: 3) }
    }
}
