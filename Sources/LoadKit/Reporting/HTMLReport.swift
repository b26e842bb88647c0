import Foundation

/// `report.html`: the run for a person, in one self-contained file (inline CSS and SVG, no script, nothing
/// fetched): the verdict, every budget, latency percentiles over time, throughput, errors and dropped
/// iterations, the percentile spectrum corrected and uncorrected, per-step figures and the slowest requests
/// with links to their traces.
public enum HTMLReport {
    /// The page for a finished run; `traceURL` (with `{trace_id}`) turns trace ids into links.
    public static func render(_ report: RunReport, traceURL: String? = nil) -> String {
        let title = "\(report.name): emporium-load report"
        let sections =
            [header(report), budgets(report)] + charts(report).map { "<section>\($0)</section>" }
            + [
                steps(report), iterations(report), failures(report, traceURL: traceURL),
                slowest(report, traceURL: traceURL),
            ]
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escaped(title))</title>
            <style>\(HTMLReportStyle.css)</style>
            </head>
            <body>
            \(sections.joined(separator: "\n"))
            <footer>emporium-load · latency is measured from each request's intended start (coordinated omission \
            corrected); the uncorrected figure, from the actual send, is shown beside it.</footer>
            </body>
            </html>

            """
    }

    private static func header(_ report: RunReport) -> String {
        let broken = report.verdicts.filter { !$0.passed }.count
        let verdict =
            switch report.exitCode {
            case 0: "<span class=\"verdict passed\">all \(report.verdicts.count) budgets held</span>"
            case 1: "<span class=\"verdict failed\">the target could not be reached</span>"
            default: "<span class=\"verdict failed\">\(broken) of \(report.verdicts.count) budgets broken</span>"
            }
        let started = ISO8601DateFormatter().string(from: report.started)
        return """
            <header><h1>\(Markup.escaped(report.name))</h1>\(verdict)
            <p>\(Markup.escaped(report.target)) · started \(started) · \(SummaryTable.format(report.seconds)) s · \
            \(report.total.requests) requests (\(SummaryTable.format(report.total.requestsPerSecond))/s) · exit code \
            \(report.exitCode)</p></header>
            """
    }

    private static func budgets(_ report: RunReport) -> String {
        guard !report.verdicts.isEmpty else { return "<section><h2>Budgets</h2><p>No budgets.</p></section>" }
        let rows = report.verdicts.map { verdict in
            let observed = verdict.observed.map { SummaryTable.value(of: $0, unit: verdict.unit) } ?? "no samples"
            let windows = verdict.windows.map { "\(verdict.brokenWindows ?? 0) of \($0) broken" } ?? ""
            return [
                verdict.passed ? "<span class=\"held\">✓</span>" : "<span class=\"broken\">✗</span>",
                Markup.escaped(verdict.expression), observed, windows, Markup.escaped(verdict.note ?? ""),
            ]
        }
        return "<section><h2>Budgets</h2>"
            + table(["", "budget", "observed", "windows", "note"], rows: rows, numeric: [2]) + "</section>"
    }

    private static func charts(_ report: RunReport) -> [String] {
        let timeline = report.timeline
        func series(_ name: String, _ color: String, dashed: Bool = false, _ value: (TimelinePoint) -> Double?)
            -> SVGChart.Series
        {
            SVGChart.Series(name: name, color: color, points: timeline.map { ($0.start, value($0)) }, dashed: dashed)
        }
        let latency = SVGChart(
            title: "Latency over time (all requests, per second)",
            unit: "ms",
            xAxis: .seconds,
            series: [
                series("p50", Palette.blue, \.p50), series("p95", Palette.orange, \.p95),
                series("p99", Palette.red, \.p99),
                series("p99 uncorrected", Palette.grey, dashed: true, \.p99Uncorrected),
            ]
        )
        let throughput = SVGChart(
            title: "Throughput and active virtual users",
            unit: "",
            xAxis: .seconds,
            wholeNumbers: true,
            series: [
                series("requests/s", Palette.blue) { $0.requestsPerSecond },
                series("active VUs", Palette.green) { Double($0.activeVUs) },
            ]
        )
        let errors = SVGChart(
            title: "Failed requests and dropped iterations per second",
            unit: "",
            xAxis: .seconds,
            wholeNumbers: true,
            series: [
                series("failed requests", Palette.red) { Double($0.failures) },
                series("dropped iterations", Palette.orange) { Double($0.dropped) },
            ]
        )
        let spectrum = SVGChart(
            title: "Percentile spectrum (all requests)",
            unit: "ms",
            xAxis: .percentile,
            series: [
                SVGChart.Series(
                    name: "from intended start",
                    color: Palette.red,
                    points: report.spectrum.map { ($0.percentile, $0.milliseconds) }
                ),
                SVGChart.Series(
                    name: "from actual send (uncorrected)",
                    color: Palette.grey,
                    points: report.spectrumUncorrected.map { ($0.percentile, $0.milliseconds) },
                    dashed: true
                ),
            ]
        )
        return [latency, throughput, errors, spectrum].map { $0.render() }
    }

    private static func steps(_ report: RunReport) -> String {
        let rows = (report.steps + [report.total]).map { step in
            [
                Markup.escaped(step.step), "\(step.requests)", SummaryTable.format(step.requestsPerSecond),
                milliseconds(step.latency.p50), milliseconds(step.latency.p95), milliseconds(step.latency.p99),
                milliseconds(step.latency.max), milliseconds(step.uncorrected.p99),
                milliseconds(step.timeToFirstByte.p95), milliseconds(step.connect.p95),
                failureKinds(step),
                step.statusClasses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                    .joined(separator: ", "),
            ]
        }
        let header = [
            "step", "requests", "req/s", "p50", "p95", "p99", "max", "p99 uncorr.", "TTFB p95", "connect p95",
            "errors", "status",
        ]
        return "<section><h2>Steps</h2>" + table(header, rows: rows, numeric: Set(1...9)) + "</section>"
    }

    private static func iterations(_ report: RunReport) -> String {
        let rows = report.iterations.sorted { $0.key < $1.key }.map { scenario, counts in
            [Markup.escaped(scenario), "\(counts.completed)", "\(counts.failed)", "\(counts.dropped)"]
        }
        return "<section><h2>Iterations</h2>"
            + table(["scenario", "completed", "failed", "dropped"], rows: rows, numeric: [1, 2, 3]) + "</section>"
    }

    private static func failures(_ report: RunReport, traceURL: String?) -> String {
        guard !report.failureExamples.isEmpty else { return "" }
        let rows = report.failureExamples.map { example in
            [
                "\(example.count)", Markup.escaped(example.step), Markup.escaped(example.reason),
                "<code>\(Markup.escaped(example.body ?? ""))</code>", traceLink(example.traceID, traceURL: traceURL),
            ]
        }
        return "<section><h2>Why requests failed</h2>"
            + table(["count", "step", "reason", "answer", "trace"], rows: rows, numeric: [0]) + "</section>"
    }

    private static func slowest(_ report: RunReport, traceURL: String?) -> String {
        guard !report.slowest.isEmpty else { return "" }
        let rows = report.slowest.map { request in
            [
                SummaryTable.format(request.latencyMilliseconds) + " ms", Markup.escaped(request.step),
                Markup.escaped(request.scenario), request.status.map(String.init) ?? "–",
                SummaryTable.format(request.at) + " s", traceLink(request.traceID, traceURL: traceURL),
            ]
        }
        return "<section><h2>Slowest requests</h2>"
            + table(["latency", "step", "scenario", "status", "at", "trace"], rows: rows, numeric: [0, 4])
            + "</section>"
    }

    /// The trace id, linked when `--trace-url` was given.
    private static func traceLink(_ traceID: String, traceURL: String?) -> String {
        let trace = Markup.escaped(traceID)
        guard let traceURL else { return "<code>\(trace)</code>" }
        return "<a href=\(Markup.quoted(traceURL.replacingOccurrences(of: "{trace_id}", with: traceID)))>\(trace)</a>"
    }

    private static func failureKinds(_ step: StepSummary) -> String {
        guard step.failed > 0 else { return "0" }
        let kinds = step.failures.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        return "\(step.failed) (\(kinds.joined(separator: ", ")))"
    }

    private static func milliseconds(_ value: Double?) -> String {
        value.map { SummaryTable.format($0) + " ms" } ?? "–"
    }

    /// A table whose cells are already markup; `numeric` columns are right-aligned.
    private static func table(_ header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        func cells(_ row: [String], tag: String) -> String {
            row.enumerated().map { column, cell in
                numeric.contains(column) ? "<\(tag) class=\"number\">\(cell)</\(tag)>" : "<\(tag)>\(cell)</\(tag)>"
            }.joined()
        }
        let body = rows.map { "<tr>\(cells($0, tag: "td"))</tr>" }.joined(separator: "\n")
        return "<table><thead><tr>\(cells(header, tag: "th"))</tr></thead><tbody>\n\(body)\n</tbody></table>"
    }
}

/// The report's colours, told apart by people with the common colour-vision deficiencies (Okabe–Ito).
enum Palette {
    static let blue = "#0072B2"
    static let orange = "#E69F00"
    static let red = "#D55E00"
    static let green = "#009E73"
    static let grey = "#666666"
}

/// The report's stylesheet.
enum HTMLReportStyle {
    static let css = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 16px; color: #222; }
        h1 { display: inline; margin-right: 12px; font-size: 22px; }
        h2 { font-size: 16px; margin: 24px 0 8px; }
        .verdict { padding: 3px 10px; border-radius: 12px; font-weight: 600; color: #fff; }
        .verdict.passed { background: #1a7f37; } .verdict.failed { background: #b42318; }
        .held { color: #1a7f37; font-weight: 700; } .broken { color: #b42318; font-weight: 700; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
        th { background: #f5f5f5; } .number { text-align: right; white-space: nowrap; }
        svg.chart { width: 100%; height: auto; margin-top: 16px; }
        .chart-title { font-weight: 600; font-size: 14px; } .tick, .legend { font-size: 11px; fill: #444; }
        .grid { stroke: #e5e5e5; } .axis { stroke: #888; } .empty { text-anchor: middle; fill: #888; }
        footer { margin-top: 32px; font-size: 12px; color: #666; }
        """
}
