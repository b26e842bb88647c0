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

    @Option(help: "Where to write summary.json (created if missing).")
    var out: String?

    @Option(help: "Replace every scenario's duration, such as 30s (ramps are stretched).")
    var duration: String?

    @Option(help: "Iterations per second of constant-arrival-rate scenarios (ramping ones are scaled to peak at it).")
    var rate: Double?

    @Option(help: "This generator's share of a distributed run, i/n (1-based), such as 2/3.")
    var segment: String?

    @Option(help: "A trace link with {trace_id}, such as http://jaeger:16686/trace/{trace_id}.")
    var traceURL: String?

    @Option(help: "The longest a request may take, such as 30s.")
    var timeout: String = "30s"

    func run() async throws {
        let options = try runOptions()
        let run: LoadRun
        do {
            run = try LoadRun(test: try ScenarioFile.load(path: scenario), options: options)
        } catch {
            FileHandle.standardError.write(Data("emporium-load: \(error)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardError.write(
            Data(
                "emporium-load: \(run.test.name) against \(options.target ?? run.test.baseURL ?? ""), \(Int(run.plannedSeconds)) s planned\n"
                    .utf8
            )
        )
        let output = out.map(RunOutput.init(directory:))
        let log = try output.map { output in
            try OutputFailure.guarding(output.directory) {
                try output.prepare()
                return try output.histogramLog(start: Date())
            }
        }
        let report = await run.run(progress: ProgressPrinter(), histogramLog: log)
        print(SummaryTable.render(report, traceURL: traceURL), terminator: "")
        if let output {
            try OutputFailure.guarding(output.directory) {
                try log?.close()
                try output.write(report)
            }
        }
        throw ExitCode(report.exitCode)
    }

    private func runOptions() throws -> RunOptions {
        var options = RunOptions(target: target, rate: rate)
        if let duration {
            guard let parsed = DurationText.parse(duration) else {
                throw ValidationError("--duration \(duration): expected a duration such as 30s or 2m")
            }
            options.duration = parsed
        }
        guard let requestTimeout = DurationText.parse(timeout) else {
            throw ValidationError("--timeout \(timeout): expected a duration such as 30s")
        }
        options.requestTimeout = requestTimeout
        if let rate, rate <= 0 { throw ValidationError("--rate \(rate): expected more than 0 iterations per second") }
        if let segment {
            let parts = segment.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
                throw ValidationError("--segment \(segment): expected i/n with 1 ≤ i ≤ n, such as 2/3")
            }
            options.segment = (parts[0] - 1, parts[1])
        }
        return options
    }
}

/// Writing the output failed: the run itself failed (exit 1).
enum OutputFailure {
    static func guarding<Result>(_ directory: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("emporium-load: cannot write \(directory): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
