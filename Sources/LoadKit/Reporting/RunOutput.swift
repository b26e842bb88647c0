public import Foundation

/// A run's `--out` directory: `summary.json` for machines, `junit.xml` for CI test views, `report.html` for
/// people, and `latency.hlog` (the interval log, written as the run goes).
public struct RunOutput: Sendable {
    public let directory: String

    /// Names the directory; ``prepare()`` creates it.
    public init(directory: String) {
        self.directory = directory
    }

    /// Creates the directory if it is missing.
    public func prepare() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The interval log of a run starting now.
    public func histogramLog(start: Date) throws -> HistogramLogWriter {
        try HistogramLogWriter(path: "\(directory)/latency.hlog", start: start)
    }

    /// Runs `run` with its interval log written here as it goes, then writes the reports.
    /// - Throws: when the directory or a file cannot be written (before the run, when it is the directory).
    public func record(
        _ run: LoadRun,
        progress: any ProgressOutput,
        traceURL: String? = nil,
        metrics: LoadMetrics? = nil
    ) async throws -> RunReport {
        try prepare()
        let log = try histogramLog(start: Date())
        let report = await run.run(progress: progress, histogramLog: log, metrics: metrics)
        try log.close()
        try write(report, traceURL: traceURL)
        return report
    }

    /// Writes the reports of a finished run: `summary.json`, `junit.xml` and `report.html`; `traceURL` (with
    /// `{trace_id}`) links the slowest requests to their traces.
    public func write(_ report: RunReport, traceURL: String? = nil) throws {
        try SummaryDocument(report).encoded().write(to: file("summary.json"))
        try Data(JUnitReport.render(report, traceURL: traceURL).utf8).write(to: file("junit.xml"))
        try Data(HTMLReport.render(report, traceURL: traceURL).utf8).write(to: file("report.html"))
    }

    private func file(_ name: String) -> URL {
        URL(fileURLWithPath: directory).appendingPathComponent(name)
    }
}
