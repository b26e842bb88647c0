import ArgumentParser
import Foundation
import LoadKit

/// `emporium-load merge RUN_DIR... --out DIR`: adds up runs made on several machines and judges the budgets
/// on the whole.
struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the histogram logs of several runs (--segment i/n each) and judge the budgets on the whole."
    )

    @Argument(help: "The --out directories of the runs.")
    var runs: [String]

    @Option(help: "Where to write the merged summary.json, junit.xml, report.html and latency.hlog.")
    var out: String

    @Option(help: "A trace link with {trace_id}, such as http://jaeger:16686/trace/{trace_id}.")
    var traceURL: String?

    func run() async throws {
        let output = RunOutput(directory: out)
        let log = try await OutputFailure.guarding(out) {
            try output.prepare()
            return try output.histogramLog(start: Date())
        }
        let report: RunReport
        do {
            report = try RunMerge.merge(directories: runs, log: log)
        } catch {
            FileHandle.standardError.write(Data("emporium-load merge: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(SummaryTable.render(report, traceURL: traceURL), terminator: "")
        try await OutputFailure.guarding(out) {
            try log.close()
            try output.write(report, traceURL: traceURL)
        }
        throw ExitCode(report.exitCode)
    }
}
