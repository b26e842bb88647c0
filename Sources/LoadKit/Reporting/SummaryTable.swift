import Foundation

/// The end-of-run summary for a person: a row per step, every budget with ✓ or ✗ and its observed value, the
/// slowest requests with their traces, the verdict.
public enum SummaryTable {
    /// The summary as text; `traceURL` (with `{trace_id}`) turns trace ids into links.
    public static func render(_ report: RunReport, traceURL: String? = nil) -> String {
        var lines = ["", "\(report.name) against \(report.target), \(format(report.seconds)) s", ""]
        let header = ["step", "requests", "req/s", "p50", "p95", "p99", "max", "p99 uncorr.", "errors"]
        var rows = report.steps.map(row)
        rows.append(row(report.total))
        lines += table([header] + rows)
        lines.append("")
        if !report.verdicts.isEmpty {
            lines.append("budgets")
            for verdict in report.verdicts {
                let observed = verdict.observed.map { value(of: $0, unit: verdict.unit) } ?? "no samples"
                let windows = verdict.windows.map { " (\(verdict.brokenWindows ?? 0) of \($0) windows broken)" } ?? ""
                lines.append("  \(verdict.passed ? "✓" : "✗") \(verdict.expression)   observed \(observed)\(windows)")
            }
            lines.append("")
        }
        if !report.slowest.isEmpty {
            lines.append("slowest requests")
            for request in report.slowest.prefix(5) {
                let link =
                    traceURL.map { "  " + $0.replacingOccurrences(of: "{trace_id}", with: request.traceID) } ?? ""
                lines.append(
                    "  \(format(request.latencyMilliseconds)) ms  \(request.step)  trace \(request.traceID)\(link)"
                )
            }
            lines.append("")
        }
        if !report.failureExamples.isEmpty {
            lines.append("why requests failed")
            for example in report.failureExamples.prefix(8) {
                lines.append("  \(example.count)×  \(example.step): \(example.reason)  trace \(example.traceID)")
                if let body = example.body { lines.append("        \(body.prefix(160))") }
            }
            lines.append("")
        }
        for (scenario, iterations) in report.iterations.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "iterations of \(scenario): \(iterations.completed) completed, \(iterations.failed) failed, \(iterations.dropped) dropped"
            )
        }
        let broken = report.verdicts.filter { !$0.passed }.count
        lines.append(
            report.exitCode == 1
                ? "result: the target could not be reached → exit 1"
                : broken == 0
                    ? "result: all \(report.verdicts.count) budgets held → exit 0"
                    : "result: \(broken) of \(report.verdicts.count) budgets broken → exit 99"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ step: StepSummary) -> [String] {
        let latency = step.latency
        return [
            step.step, "\(step.requests)", format(step.requestsPerSecond), milliseconds(latency.p50),
            milliseconds(latency.p95),
            milliseconds(latency.p99), milliseconds(latency.max), milliseconds(step.uncorrected.p99),
            step.requests == 0 ? "–" : "\(step.failed) (\(format(Double(step.failed) * 100 / Double(step.requests)))%)",
        ]
    }

    /// Columns padded to their widest cell, numbers right-aligned.
    private static func table(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  "
                + row.enumerated().map { column, cell in
                    let padding = String(repeating: " ", count: widths[column] - cell.count)
                    return column == 0 ? cell + padding : padding + cell
                }.joined(separator: "  ")
        }
    }

    private static func milliseconds(_ value: Double?) -> String {
        value.map { "\(format($0)) ms" } ?? "–"
    }

    static func value(of observed: Double, unit: String) -> String {
        switch unit {
        case "ms": "\(format(observed)) ms"
        case "ratio": "\(format(observed * 100))%"
        case "/s": "\(format(observed))/s"
        default: "\(Int(observed))"
        }
    }

    static func format(_ value: Double) -> String {
        String(format: value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value)
    }
}
