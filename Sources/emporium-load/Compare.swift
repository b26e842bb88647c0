import ArgumentParser
import Foundation
import LoadKit

/// `emporium-load compare CURRENT.json BASELINE.json`: fails when a step's p95 or p99 or its error rate
/// regressed beyond the limit.
struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a run's summary.json with a baseline's; exit 99 when a step regressed beyond the limit."
    )

    @Argument(help: "The summary.json of the run to judge.")
    var current: String

    @Argument(help: "The summary.json of the baseline.")
    var baseline: String

    @Option(help: "The largest allowed growth of p95, p99 and error rate, such as 10%.")
    var maxRegression: String = "10%"

    func run() async throws {
        guard
            let limit = Double(maxRegression.hasSuffix("%") ? String(maxRegression.dropLast()) : maxRegression).map({
                maxRegression.hasSuffix("%") ? $0 / 100 : $0
            }),
            limit >= 0
        else { throw ValidationError("--max-regression \(maxRegression): expected a share such as 10%") }
        let comparison = RunComparison(
            current: try document(current),
            baseline: try document(baseline),
            maxRegression: limit
        )
        print(comparison.table(), terminator: "")
        throw ExitCode(comparison.regressed ? 99 : 0)
    }

    private func document(_ path: String) throws -> SummaryDocument {
        guard let data = FileManager.default.contents(atPath: path), let document = try? SummaryDocument.decode(data)
        else {
            throw ValidationError("\(path): not a summary.json written by emporium-load run")
        }
        return document
    }
}
