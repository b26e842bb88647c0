import EmporiumRedis
import Foundation
import Logging

/// redis-benchmark's GET rate and the adapter's, measured in turns against one server.
struct RedisBenchmark {
    static let clients = 32
    static let key = "emporium-bench:greeting"

    let url: String
    let requests: Int
    let rounds: Int

    func run() async throws {
        let configuration = try RedisConfiguration(url: url)
        var pooled = configuration
        pooled.poolSize = Self.clients
        let redis = RedisClient(configuration: pooled, logger: Logger(label: "bench"))
        try await redis.send(RedisCommand("SET", Self.key, "a small cached value", collection: "bench"))
        _ = try await adapterRate(redis, requests: requests / 10)  // warm: connections opened, threads started
        var reference: [Double] = []
        var adapter: [Double] = []
        for round in 0..<rounds {
            for turn in 0..<2 {
                if (round + turn).isMultiple(of: 2) {
                    reference.append(try redisBenchmarkRate(configuration))
                    say("round \(round + 1): redis-benchmark \(Int(reference.last!).formatted()) GET/s")
                } else {
                    adapter.append(try await adapterRate(redis, requests: requests))
                    say("round \(round + 1): adapter \(Int(adapter.last!).formatted()) GET/s")
                }
            }
        }
        await redis.shutDown()
        let ratio = median(zip(adapter, reference).map { $0 / $1 })
        say("")
        say("| GET, \(Self.clients) clients, no pipelining, \(rounds) × \(requests.formatted()) requests | GET/s (median) |")
        say("| --- | --- |")
        say("| redis-benchmark -t get -c \(Self.clients) -P 1 | \(Int(median(reference)).formatted()) |")
        say("| EmporiumRedis RedisClient, pool of \(Self.clients) | \(Int(median(adapter)).formatted()) |")
        say("")
        say("adapter ÷ redis-benchmark: \(String(format: "%.2f", ratio)) (goal ≥ 0.5), the median of the per-round ratios")
    }

    /// GETs from `clients` concurrent callers until `requests` are answered.
    private func adapterRate(_ redis: RedisClient, requests: Int) async throws -> Double {
        let perClient = requests / Self.clients
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<Self.clients {
                group.addTask {
                    for _ in 0..<perClient {
                        _ = try await redis.send(RedisCommand("GET", Self.key, collection: "bench"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1_000
        return Double(perClient * Self.clients) / seconds
    }

    /// `redis-benchmark -t get --csv`'s requests per second.
    private func redisBenchmarkRate(_ configuration: RedisConfiguration) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "redis-benchmark", "-h", configuration.host, "-p", "\(configuration.port)", "-n", "\(requests)",
            "-c", "\(Self.clients)", "-P", "1", "-t", "get", "--csv",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "GET","123456.79",… : the second field is requests per second.
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("\"GET\"") }),
            let rate = Double(line.split(separator: ",")[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        else { throw BenchError("redis-benchmark printed no GET rate:\n\(output)") }
        return rate
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count.isMultiple(of: 2) ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Prints a line at once, for progress when piped.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
