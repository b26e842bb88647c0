import Foundation
import LoadKit

/// One `emporium-load run` as a child process: its summary.json figures and its peak resident memory, read
/// from `/proc/PID/status` (VmHWM) while it runs.
struct GeneratorRun {
    var summary: SummaryDocument
    var peakResidentBytes: Int

    /// Runs `GENERATOR run SCENARIO --target TARGET --out DIR` to its end, on `cpus` only (`taskset -c`) when
    /// given.
    static func start(
        _ generator: String,
        scenario: String,
        target: String,
        cpus: String? = nil,
        folder: URL
    ) throws -> GeneratorRun {
        let out = folder.appendingPathComponent("run-\(UUID())")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cpus == nil ? generator : "/usr/bin/taskset")
        process.arguments =
            (cpus.map { ["-c", $0, generator] } ?? []) + ["run", scenario, "--target", target, "--out", out.path]
        let log = folder.appendingPathComponent("generator.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var peak = 0
        while process.isRunning {
            peak = max(peak, residentHighWaterMark(of: process.processIdentifier) ?? 0)
            Thread.sleep(forTimeInterval: 0.2)
        }
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw BenchError("emporium-load exited \(process.terminationStatus):\n\(text.suffix(3_000))")
        }
        let summary = try SummaryDocument.decode(Data(contentsOf: out.appendingPathComponent("summary.json")))
        return GeneratorRun(summary: summary, peakResidentBytes: peak)
    }

    /// `VmHWM` of a running process in bytes: the most resident memory it has had so far.
    private static func residentHighWaterMark(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kibibytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kibibytes * 1_024
    }
}

extension SummaryDocument {
    var rate: Double { requests.rate }
    var p99: Double { latencyMs.p99 ?? .nan }
    var failed: Int { requests.failed }
    var peakActiveVUs: Int { timeline.map(\.activeVUs).max() ?? 0 }
    var dropped: Int { timeline.map(\.dropped).reduce(0, +) }
}
