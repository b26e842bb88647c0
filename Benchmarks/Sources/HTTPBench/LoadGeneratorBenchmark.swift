import Foundation

/// The figures of issue 5 (`make bench`): how fast emporium-load can send, beside wrk against the same bare
/// route in the same run, and how much memory it needs to hold 10,000 virtual users at a fixed arrival rate.
struct LoadGeneratorBenchmark {
    /// Connections for both generators in the maximum-rate rounds, as HTTPBench's wrk rounds use.
    static let connections = 32
    static let crowd = 10_000
    static let crowdRate = 1_000
    static let crowdSeconds = 30

    /// The `emporium-load` executable (a release build).
    let generator: String
    let seconds: Int
    let rounds: Int

    /// Where the server and the generators run: sharing every CPU, or each on a CPU of its own (the way a load
    /// test should be run, so that the generator's CPU is not taken from the server under test).
    struct Placement {
        var name: String
        var serverCPUs: String?
        var generatorCPUs: String?

        static let shared = Placement(name: "sharing both CPUs with the server", serverCPUs: nil, generatorCPUs: nil)
        static let pinned = Placement(name: "server on CPU 1, generator on CPU 0", serverCPUs: "1", generatorCPUs: "0")
    }

    func run() async throws {
        _ = try Wrk.capture("sh", ["-c", "command -v wrk || { echo 'wrk is missing: apt-get install wrk'; exit 1; }"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emporium-load-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let body = folder.appendingPathComponent("answer.json")
        try Data(#"{"id":"bench","name":"A product of the load generator benchmark","price":{"amount":1999}}"#.utf8)
            .write(to: body)
        let placements = ProcessInfo.processInfo.activeProcessorCount >= 2 ? [Placement.shared, .pinned] : [.shared]
        var tables: [String] = []
        for placement in placements {
            let server = try await ServerProcess(mode: "bare", database: "none", body: body.path, cpus: placement.serverCPUs)
            defer { server.stop() }
            tables.append(try await maximumRates(server, placement: placement, folder: folder))
        }
        let server = try await ServerProcess(mode: "bare", database: "none", body: body.path)
        defer { server.stop() }
        let crowd = try crowdMemory(server, folder: folder)
        for table in tables { say(""); say(table) }
        say("")
        say(crowd)
    }

    /// wrk and emporium-load in turns against the bare route, each round in the other order.
    private func maximumRates(_ server: ServerProcess, placement: Placement, folder: URL) async throws -> String {
        let url = server.base + Self.path
        let scenario = folder.appendingPathComponent("flat-out.yaml")
        try flatOutScenario.write(to: scenario, atomically: true, encoding: .utf8)
        let cpus = placement.generatorCPUs
        let wrk = Wrk(threads: 2, connections: Self.connections, seconds: seconds, cpus: cpus)
        _ = try Wrk(threads: 2, connections: Self.connections, seconds: 2, cpus: cpus).run(url)
        var wrkRuns: [Wrk.Result] = []
        var generatorRuns: [GeneratorRun] = []
        for round in 0..<rounds {
            for turn in 0..<2 {
                if (round + turn).isMultiple(of: 2) {
                    let result = try wrk.run(url)
                    wrkRuns.append(result)
                    say("\(placement.name), round \(round + 1): wrk \(Int(result.requestsPerSecond).formatted()) requests/s")
                } else {
                    let result = try GeneratorRun.start(
                        generator,
                        scenario: scenario.path,
                        target: server.base,
                        cpus: cpus,
                        folder: folder
                    )
                    generatorRuns.append(result)
                    say(
                        "\(placement.name), round \(round + 1): emporium-load \(Int(result.summary.rate).formatted()) "
                            + "requests/s, \(result.summary.failed) failed"
                    )
                }
            }
        }
        let ratio = HTTPBenchmark.median(zip(generatorRuns, wrkRuns).map { $0.summary.rate / $1.requestsPerSecond })
        let connections = Self.connections
        let wrkRate = Int(HTTPBenchmark.median(wrkRuns.map(\.requestsPerSecond)))
        let generatorRate = Int(HTTPBenchmark.median(generatorRuns.map(\.summary.rate)))
        return """
            | GET on a bare Hummingbird route, \(connections) connections, \(placement.name), \(rounds) × \(seconds) s | requests/s (median) | p99 ms (median) |
            | --- | --- | --- |
            | wrk -t2 -c\(connections) | \(wrkRate.formatted()) | \(format(HTTPBenchmark.median(wrkRuns.map(\.p99)))) |
            | emporium-load, constant-vus \(connections) | \(generatorRate.formatted()) | \(format(HTTPBenchmark.median(generatorRuns.map(\.summary.p99)))) |

            emporium-load ÷ wrk: \(format(ratio)) (goal ≥ 0.8), the median of the per-round ratios; \
            emporium-load's peak resident memory \(Self.mebibytes(generatorRuns.map(\.peakResidentBytes).max() ?? 0))
            """
    }

    /// One run that holds ``crowd`` virtual users at once: each iteration a GET and then ten seconds of thought.
    private func crowdMemory(_ server: ServerProcess, folder: URL) throws -> String {
        let scenario = folder.appendingPathComponent("crowd.yaml")
        try crowdScenario.write(to: scenario, atomically: true, encoding: .utf8)
        say("\(Self.crowd.formatted()) virtual users at \(Self.crowdRate.formatted()) iterations/s for \(Self.crowdSeconds) s …")
        let result = try GeneratorRun.start(generator, scenario: scenario.path, target: server.base, folder: folder)
        let summary = result.summary
        return """
            \(Self.crowd.formatted()) virtual users (constant-arrival-rate \(Self.crowdRate.formatted())/s, each iteration a GET \
            and 10 s of thought, \(Self.crowdSeconds) s): peak active \(summary.peakActiveVUs.formatted()), \
            \(summary.requests.total.formatted()) requests, \(summary.failed) failed, \(summary.dropped) iterations dropped, \
            peak resident memory \(Self.mebibytes(result.peakResidentBytes)) (goal ≤ 1 GiB)
            """
    }

    static let path = "/api/v1/products/bench"

    private var flatOutScenario: String {
        """
        name: flat-out
        scenarios:
          - name: flat-out
            executor: constant-vus
            vus: \(Self.connections)
            duration: \(seconds)s
            journey: get
        journeys:
          get:
            - name: get
              get: \(Self.path)
              check: {status: 200}
        """
    }

    private var crowdScenario: String {
        """
        name: crowd
        scenarios:
          - name: crowd
            executor: constant-arrival-rate
            rate: \(Self.crowdRate)
            duration: \(Self.crowdSeconds)s
            max_vus: \(Self.crowd + Self.crowd / 10)
            journey: linger
        journeys:
          linger:
            - name: get
              get: \(Self.path)
              check: {status: 200}
            - think: 10s
        """
    }

    static func mebibytes(_ bytes: Int) -> String {
        "\(Int((Double(bytes) / 1_048_576).rounded()).formatted()) MiB"
    }
}
