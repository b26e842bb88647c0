import Foundation

/// Where a run's progress goes each second.
public protocol ProgressOutput: Sendable {
    func update(_ snapshot: ProgressSnapshot)
    /// The run ended; a terminal line is left in place.
    func finish()
}

/// The run one second at a time.
public struct ProgressSnapshot: Sendable {
    /// Seconds since the start, and as planned.
    public var elapsed: Double
    public var planned: Double
    /// Requests per second in the last second.
    public var requestRate: Double
    /// p95 from the intended start over the last second, in milliseconds.
    public var p95: Double?
    /// Failed ÷ all requests so far.
    public var errorRate: Double
    public var requests: Int
    public var activeVUs: Int
    /// Iterations dropped so far.
    public var dropped: Int

    init(interval: IntervalRecord, totals: SeriesStats, dropped: Int, planned: Double) {
        let last = SeriesStats.combined(interval.series.values)
        elapsed = interval.start + interval.length
        self.planned = planned
        requestRate = Double(last.requests) / interval.length
        p95 = last.corrected.milliseconds(.p95)
        errorRate = totals.requests == 0 ? 0 : Double(totals.failed) / Double(totals.requests)
        requests = totals.requests
        activeVUs = interval.activeVUs
        self.dropped = dropped
    }
}

/// Progress on standard error: a line redrawn every second on a terminal, a plain line every 5 seconds
/// otherwise (CI logs).
public final class ProgressPrinter: ProgressOutput {
    private let isTerminal = isatty(STDERR_FILENO) == 1

    public init() {}

    public func update(_ snapshot: ProgressSnapshot) {
        let line = Self.line(snapshot)
        if isTerminal {
            write("\r\u{1B}[2K" + line)
        } else if Int(snapshot.elapsed.rounded()) % 5 == 0 {
            write(line + "\n")
        }
    }

    public func finish() {
        if isTerminal { write("\n") }
    }

    static func line(_ snapshot: ProgressSnapshot) -> String {
        let p95 = snapshot.p95.map { String(format: "%.1f ms", $0) } ?? "–"
        let time = String(format: "%3.0fs/%.0fs", snapshot.elapsed, snapshot.planned)
        let rate = String(format: "%6.0f req/s", snapshot.requestRate)
        let errors = String(format: "%.2f%%", snapshot.errorRate * 100)
        return "\(time)  \(rate)  p95 \(p95)  errors \(errors)  \(snapshot.requests) requests  "
            + "\(snapshot.activeVUs) VUs active  \(snapshot.dropped) dropped"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
