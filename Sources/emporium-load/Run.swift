import ArgumentParser
import Foundation
import LoadKit

/// `emporium-load run SCENARIO.yaml --target URL`: runs a scenario file and judges its budgets.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario file against a target and judge its budgets."
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "The base URL, replacing the file's base_url (http:// only).")
    var target: String?

    @Option(help: "Replace every scenario's duration, such as 30s (ramps are stretched).")
    var duration: String?

    @Option(
        help:
            "Iterations per second of the arrival-rate scenarios together, at their peaks; each keeps its share of the mix."
    )
    var rate: Double?

    @OptionGroup var flags: RunFlags

    func run() async throws {
        var options = try flags.runOptions(target: target)
        if let duration {
            guard let parsed = DurationText.parse(duration) else {
                throw ValidationError("--duration \(duration): expected a duration such as 30s or 2m")
            }
            options.duration = parsed
        }
        if let rate {
            guard rate > 0 else { throw ValidationError("--rate \(rate): expected more than 0 iterations per second") }
            options.rate = rate
        }
        let run: LoadRun
        do {
            run = try LoadRun(test: try ScenarioFile.load(path: scenario), options: options)
        } catch {
            FileHandle.standardError.write(Data("emporium-load: \(error)\n".utf8))
            throw ExitCode(2)
        }
        try await flags.execute(run)
    }
}
