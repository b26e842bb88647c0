import Foundation
import LoadKit
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Reports: junit.xml, report.html and the output directory", .serialized)
struct ReportTests {
    /// A two-second run whose step name needs escaping, with one budget that holds and one that breaks.
    static func report() async throws -> RunReport {
        try await TestServer.with { base in
            let test = try ScenarioFile.parse(
                """
                name: report <&> test
                scenarios:
                  - {name: steady, executor: constant-arrival-rate, rate: 20, duration: 2s, journey: ping}
                journeys:
                  ping:
                    - {name: "ok <&>", get: /ok}
                    - {name: wrong, get: /ok, check: {status: 204}}
                budgets: [throughput > 1/s, error_rate < 1%]
                """,
                file: "report.yaml",
                directory: NSTemporaryDirectory()
            )
            return try await LoadRun(test: test, options: RunOptions(target: base)).run(progress: SilentProgress())
        }
    }

    @Test("junit.xml has one test case per budget, a failure for each broken one, and reads as XML")
    func junit() async throws {
        let report = try await Self.report()
        let document = try XMLDocument(data: Data(JUnitReport.render(report).utf8))
        let suite = try #require(try document.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "name")?.stringValue == "report <&> test")
        #expect(suite.attribute(forName: "tests")?.stringValue == "2")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["throughput > 1/s", "error_rate < 1%"])
        let failure = try #require(try document.nodes(forXPath: "//testcase/failure").first as? XMLElement)
        #expect(failure.attribute(forName: "message")?.stringValue?.hasPrefix("observed 50") == true)
        let output = try #require(try document.nodes(forXPath: "//testsuite/system-out").first?.stringValue)
        #expect(output.contains("✗ error_rate < 1%"))
    }

    @Test("report.html is self-contained: four charts, budgets, steps, failures and trace links, text escaped")
    func html() async throws {
        let report = try await Self.report()
        let page = HTMLReport.render(report, traceURL: "http://jaeger:16686/trace/{trace_id}")
        #expect(page.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4)
        #expect(page.contains("<polyline"))
        #expect(page.contains("report &lt;&amp;&gt; test") && !page.contains("report <&> test"))
        #expect(page.contains("status 200, expected 204"))
        let traceID = try #require(report.slowest.first?.traceID)
        #expect(page.contains("href=\"http://jaeger:16686/trace/\(traceID)\""))
        #expect(!page.contains("<script") && !page.contains("src=\"http") && !page.contains("@import"))
    }

    @Test("the output directory gets summary.json, junit.xml and report.html; summary.json reads back")
    func outputDirectory() async throws {
        let report = try await Self.report()
        let directory = NSTemporaryDirectory() + "emporium-load-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = RunOutput(directory: directory)
        try output.prepare()
        try output.write(report)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["junit.xml", "report.html", "summary.json"])
        let summary = try SummaryDocument.decode(Data(contentsOf: URL(fileURLWithPath: "\(directory)/summary.json")))
        #expect(summary.requests.total == report.total.requests)
        #expect(summary.budgets.map(\.passed) == [true, false])
        #expect(summary.failureExamples?.first?.reason == "status 200, expected 204")
    }
}
