public import Foundation
import Histogram
import Synchronization

/// `latency.hlog`: an HdrHistogram interval log (format 1.3). Each second of the run is a line per series and
/// kind, tagged `c/SCENARIO/JOURNEY/STEP` (latency from the intended start) or `u/…` (from the actual send), in
/// microseconds; a comment line before them carries the second's counts (requests, failures, checks, dropped
/// iterations), which HdrHistogram readers skip and `emporium-load merge` reads. Logs of runs made on several
/// machines add up exactly.
public final class HistogramLogWriter: Sendable {
    private let handle: FileHandle
    private let failure = Mutex<(any Error)?>(nil)

    /// Creates the file and writes its header.
    public init(path: String, start: Date) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw HistogramLogError("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let seconds = String(format: "%.3f", start.timeIntervalSince1970)
        write(
            """
            #[Histogram log format version 1.3]
            #[StartTime: \(seconds) (seconds since epoch), \(ISO8601DateFormatter().string(from: start))]
            #[emporium-load: tags c/SCENARIO/JOURNEY/STEP (from the intended start) and u/… (from the send), microseconds]
            "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"

            """
        )
    }

    /// Appends one interval.
    func write(_ interval: IntervalRecord) {
        do {
            var lines = try
                "#[emporium-load interval \(String(decoding: JSONEncoder().encode(IntervalCounts(interval)), as: UTF8.self))]\n"
            for (key, stats) in interval.series.sorted(by: { $0.key < $1.key }) where stats.requests > 0 {
                for (kind, histogram) in [("c", stats.corrected), ("u", stats.uncorrected)] {
                    let maximum = String(format: "%.3f", Double(histogram.histogram.max) / 1_000)
                    let time = String(format: "%.3f,%.3f", interval.start, interval.length)
                    lines +=
                        "Tag=\(Self.tag(kind, key)),\(time),\(maximum),\(try HistogramEncoding.encode(histogram.histogram))\n"
                }
            }
            write(lines)
        } catch {
            failure.withLock { $0 = $0 ?? error }
        }
    }

    /// Closes the file; throws the first error writing met.
    public func close() throws {
        try handle.close()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    private func write(_ text: String) {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            failure.withLock { $0 = $0 ?? error }
        }
    }

    /// `c/browse/shop/product%20page`: the parts percent-encoded, so no comma or space ends the tag.
    static func tag(_ kind: String, _ key: SeriesKey) -> String {
        ([kind] + [key.scenario, key.journey, key.step].map(escape)).joined(separator: "/")
    }

    static func escape(_ part: String) -> String {
        part.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.")))
            ?? part
    }
}

/// The counts of an interval that histograms do not hold, as the log's comment lines carry them.
struct IntervalCounts: Codable {
    struct Series: Codable {
        var scenario: String
        var journey: String
        var step: String
        var requests: Int
        var failures: [String: Int]
        var checksPassed: Int
        var checksFailed: Int
        var status: [Int]
    }

    var start: Double
    var length: Double
    var series: [Series]
    var dropped: [String: Int]
    var activeVUs: Int

    init(_ interval: IntervalRecord) {
        start = interval.start
        length = interval.length
        series = interval.series.sorted { $0.key < $1.key }.map { key, stats in
            Series(
                scenario: key.scenario,
                journey: key.journey,
                step: key.step,
                requests: stats.requests,
                failures: Dictionary(stats.failures.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +),
                checksPassed: stats.checksPassed,
                checksFailed: stats.checksFailed,
                status: stats.statusClasses
            )
        }
        dropped = interval.dropped
        activeVUs = interval.activeVUs
    }
}

/// Reads a log written by ``HistogramLogWriter`` back into intervals.
enum HistogramLogReader {
    static func intervals(path: String) throws -> [IntervalRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HistogramLogError("cannot read \(path)")
        }
        var intervals: [IntervalRecord] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("#[emporium-load interval ") {
                let json = line.dropFirst("#[emporium-load interval ".count).dropLast()
                let counts = try JSONDecoder().decode(IntervalCounts.self, from: Data(json.utf8))
                intervals.append(interval(counts))
            } else if line.hasPrefix("Tag="), !intervals.isEmpty {
                try addHistogram(line, to: &intervals[intervals.count - 1])
            }
        }
        return intervals
    }

    private static func interval(_ counts: IntervalCounts) -> IntervalRecord {
        var series: [SeriesKey: SeriesStats] = [:]
        for entry in counts.series {
            var stats = SeriesStats()
            stats.requests = entry.requests
            stats.failures = Dictionary(
                entry.failures.compactMap { name, count in RequestFailure(rawValue: name).map { ($0, count) } },
                uniquingKeysWith: +
            )
            stats.checksPassed = entry.checksPassed
            stats.checksFailed = entry.checksFailed
            stats.statusClasses = entry.status
            series[SeriesKey(scenario: entry.scenario, journey: entry.journey, step: entry.step)] = stats
        }
        return IntervalRecord(
            start: counts.start,
            length: counts.length,
            series: series,
            dropped: counts.dropped,
            activeVUs: counts.activeVUs
        )
    }

    private static func addHistogram(_ line: Substring, to interval: inout IntervalRecord) throws {
        let fields = line.split(separator: ",")
        let parts = fields[0].dropFirst(4).split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        guard fields.count == 5, parts.count == 4 else {
            throw HistogramLogError("a malformed line: \(line.prefix(80))")
        }
        let key = SeriesKey(scenario: parts[1], journey: parts[2], step: parts[3])
        let histogram = LatencyHistogram(try HistogramEncoding.decode(String(fields[4])))
        if parts[0] == "c" {
            interval.series[key, default: SeriesStats()].corrected = histogram
        } else {
            interval.series[key, default: SeriesStats()].uncorrected = histogram
        }
    }
}
