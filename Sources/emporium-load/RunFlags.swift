import ArgumentParser
import Foundation
import LoadKit

/// The options `run` and `replay` share, and how both carry a run out: progress while it runs, the summary
/// table after, the `--out` files, and the exit code.
struct RunFlags: ParsableArguments {
    @Option(help: "Where to write summary.json, junit.xml, report.html and latency.hlog (created if missing).")
    var out: String?

    @Option(help: "This generator's share of a distributed run, i/n (1-based), such as 2/3.")
    var segment: String?

    @Option(help: "A trace link with {trace_id}, such as http://jaeger:16686/trace/{trace_id}.")
    var traceURL: String?

    @Option(help: "The longest a request may take, such as 30s.")
    var timeout: String = "30s"

    @Option(
        help:
            "Serve the run's metrics for Prometheus at HOST:PORT/metrics (or :PORT on every interface) while it runs, such as :9464."
    )
    var metricsAddress: String?

    /// The timeout and segment as run options.
    func runOptions(target: String?) throws -> RunOptions {
        var options = RunOptions(target: target)
        guard let requestTimeout = DurationText.parse(timeout) else {
            throw ValidationError("--timeout \(timeout): expected a duration such as 30s")
        }
        options.requestTimeout = requestTimeout
        if let segment {
            let parts = segment.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
                throw ValidationError("--segment \(segment): expected i/n with 1 ≤ i ≤ n, such as 2/3")
            }
            options.segment = (parts[0] - 1, parts[1])
        }
        return options
    }

    /// Runs, reports and exits with the run's code (0, 99, or 1 when the target was unreachable or the output
    /// could not be written).
    func execute(_ run: LoadRun) async throws -> Never {
        let target = run.options.target ?? run.test.baseURL ?? ""
        FileHandle.standardError.write(
            Data("emporium-load: \(run.test.name) against \(target), \(Int(run.plannedSeconds)) s planned\n".utf8)
        )
        let metrics = metricsAddress.map { _ in LoadMetrics() }
        try await serving(metrics) {
            guard let out else {
                let report = await run.run(progress: ProgressPrinter(), metrics: metrics)
                print(SummaryTable.render(report, traceURL: traceURL), terminator: "")
                throw ExitCode(report.exitCode)
            }
            let report = try await OutputFailure.guarding(out) {
                try await RunOutput(directory: out).record(
                    run,
                    progress: ProgressPrinter(),
                    traceURL: traceURL,
                    metrics: metrics
                )
            }
            print(SummaryTable.render(report, traceURL: traceURL), terminator: "")
            FileHandle.standardError.write(Data("emporium-load: report in \(out)/report.html\n".utf8))
            throw ExitCode(report.exitCode)
        }
        throw ExitCode(1)  // `serving` only returns by throwing the run's exit code
    }
}

extension RunFlags {
    /// Runs `body`, serving `metrics` at ``metricsAddress`` meanwhile when one is given.
    private func serving(_ metrics: LoadMetrics?, _ body: @Sendable () async throws -> Void) async throws {
        guard let metrics, let metricsAddress else { return try await body() }
        try await MetricsEndpoint.serving(metrics, at: metricsAddress, body)
    }
}

/// Writing the output failed: the run itself failed (exit 1).
enum OutputFailure {
    static func guarding<Result>(_ directory: String, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            FileHandle.standardError.write(Data("emporium-load: cannot write \(directory): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
