import Foundation
import LoadKit
import NIOCore
import NIOPosix

/// The short load test `emporium demo` runs against itself once it serves: a scenario file for a few seconds,
/// its summary table printed, and its report written next to the demo's database.
struct DemoLoadTest {
    /// The scenario file (`loadtest/smoke.yaml` of the repository).
    var scenario: String
    var seconds: Int
    var host: String
    var port: Int
    /// Where summary.json, junit.xml, report.html and latency.hlog go.
    var directory: String

    /// Where to reach the server: its host, or loopback when it listens on every address.
    private var connectHost: String { host == "0.0.0.0" ? "127.0.0.1" : host }
    private var base: String { "http://\(connectHost):\(port)" }

    /// Waits until the server accepts connections, runs the scenario and reports. Never throws: the demo keeps
    /// serving whatever the load test found.
    func run() async {
        guard seconds > 0 else { return }
        guard FileManager.default.fileExists(atPath: scenario) else {
            Console.write(
                "demo: no load test, \(scenario) is missing (run from the repository or pass --load-test FILE)"
            )
            return
        }
        do {
            let run = try LoadRun(
                test: try ScenarioFile.load(path: scenario),
                options: RunOptions(target: base, duration: .seconds(seconds))
            )
            guard await serverAccepts() else {
                Console.write("demo: no load test, nothing answered on \(base) within 60 s")
                return
            }
            Console.write("\n== A \(seconds)-second load test of the demo (\(scenario)): browsing, search and checkout")
            let traceURL = base + "/debug/traces/{trace_id}"
            let report = try await RunOutput(directory: directory)
                .record(run, progress: ProgressPrinter(), traceURL: traceURL)
            guard !Task.isCancelled else {
                Console.write("demo: the load test stopped with the server; what ran is in \(directory)/report.html")
                return
            }
            Console.write(SummaryTable.render(report, traceURL: traceURL))
            Console.write("Report: \(directory)/report.html (open it in a browser). Emporium keeps serving on \(base).")
        } catch {
            Console.write("demo: the load test could not run: \(error)")
        }
    }

    private func serverAccepts() async -> Bool {
        for _ in 0..<600 {
            if Task.isCancelled { return false }
            if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: connectHost, port: port).get()
            {
                try? await channel.close()
                return true
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
