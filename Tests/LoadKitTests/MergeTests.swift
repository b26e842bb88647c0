import Foundation
import Testing

@testable import LoadKit

@Suite("Distributed runs: segments, logs, merge, compare", .serialized)
struct MergeTests {
    // Budgets that hold however busy the machine is: this suite proves exact merging and judging, and runs
    // beside the whole test suite, whose CPU-bound tests (bcrypt) can hold up the process for seconds.
    static let scenario = """
        scenarios:
          - {name: steady, executor: constant-arrival-rate, rate: 60, duration: 3s, max_vus: 10, journey: ping}
        journeys:
          ping: [{name: ok, get: /ok}, {name: trace, get: /trace}]
        budgets: [latency p99 < 30s, error_rate < 1%, "latency p95 < 30s for step \\"ok\\" over 1s"]
        """

    /// Runs one segment into its own directory.
    func segment(_ index: Int, of count: Int, target: String, into directory: String) async throws -> RunReport {
        let test = try ScenarioFile.parse(Self.scenario, file: "test.yaml", directory: NSTemporaryDirectory())
        let run = try LoadRun(test: test, options: RunOptions(target: target, segment: (index, count)))
        return try await RunOutput(directory: directory).record(run, progress: SilentProgress())
    }

    @Test("three segments run the whole timeline; their merge adds every bucket exactly and judges the budgets")
    func mergeExactness() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestServer.with { base in
            let directories = (0..<3).map { "\(folder)/\($0 + 1)" }
            let reports = try await withThrowingTaskGroup(of: RunReport.self) { group in
                for (index, directory) in directories.enumerated() {
                    group.addTask { try await segment(index, of: 3, target: base, into: directory) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.map(\.total.requests).reduce(0, +) == 360, "60/s × 3 s × 2 steps")
            let merged = try RunMerge.merge(directories: directories)
            #expect(merged.total.requests == 360)
            #expect(merged.verdicts.count == 3 && merged.verdicts.allSatisfy(\.passed), "\(merged.verdicts)")

            var everything = LatencyHistogram()
            for directory in directories {
                for interval in try HistogramLogReader.intervals(path: "\(directory)/latency.hlog") {
                    for stats in interval.series.values { everything.add(stats.corrected) }
                }
            }
            #expect(everything.count == 360)
            #expect(merged.total.latency.p99 == everything.milliseconds(.p99))
            #expect(merged.total.latency.max == everything.milliseconds(.max))
        }
    }

    @Test("compare flags a step whose p95 grew beyond the limit, and a new error rate")
    func compare() throws {
        let baseline = try Self.document(p95: 100, p99: 150, errors: 0)
        #expect(!RunComparison(current: try Self.document(p95: 108, p99: 160, errors: 0), baseline: baseline).regressed)
        let slower = RunComparison(
            current: try Self.document(p95: 131, p99: 150, errors: 0),
            baseline: baseline,
            maxRegression: 0.1
        )
        #expect(slower.regressed)
        #expect(slower.deltas.filter(\.regressed).map(\.figure) == ["p95"])
        #expect(slower.table().contains("✗ checkout"))
        let failing = RunComparison(current: try Self.document(p95: 100, p99: 150, errors: 5), baseline: baseline)
        #expect(failing.deltas.filter(\.regressed).map(\.figure) == ["error rate"])
    }

    /// A summary with one step, `checkout`, of 1,000 requests.
    static func document(p95: Double, p99: Double, errors: Int) throws -> SummaryDocument {
        let json = """
            {"name":"t","target":"x","started":"2026-12-06T00:00:00Z","duration_seconds":10,"passed":true,"exit_code":0,
             "requests":{"total":1000,"rate":100,"failed":\(errors),"failures":{}},"latency_ms":{},"latency_uncorrected_ms":{},
             "steps":{"checkout":{"scenarios":["s"],"requests":1000,"rate":100,"errors":\(errors),"failures":{},
               "checks":{"passed":0,"failed":0},"latency_ms":{"p95":\(p95),"p99":\(p99)},"latency_uncorrected_ms":{},
               "time_to_first_byte_ms":{},"connect_ms":{},"status":{}}},
             "iterations":{},"budgets":[],"slowest":[],"timeline":[],"spectrum":[]}
            """
        return try SummaryDocument.decode(Data(json.utf8))
    }
}
