public import Foundation

/// A run's `--out` directory: `summary.json` for machines, `latency.hlog` (the interval log, written as the run
/// goes), and the reports for people and CI.
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

    /// Writes the reports of a finished run.
    public func write(_ report: RunReport) throws {
        try SummaryDocument(report).encoded().write(to: URL(fileURLWithPath: "\(directory)/summary.json"))
    }
}
