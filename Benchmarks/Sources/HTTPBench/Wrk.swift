import Foundation

/// Runs wrk (Debian's `wrk`) and reads its summary.
struct Wrk {
    struct Result {
        var requestsPerSecond: Double
        /// The 50th and 99th percentile latency in milliseconds (wrk --latency).
        var p50: Double
        var p99: Double
        /// Lines the Lua script printed in `done()`.
        var scriptLines: [String]
        /// What the script reported as failed answers (`checkout:409 add:404 …`), if any.
        var failedStatuses: String?
        var non2xx: Int
    }

    var threads = 2
    var connections = 32
    var seconds = 10
    /// The CPUs wrk may run on (`taskset -c`), or any.
    var cpus: String?

    /// Runs `wrk URL`, with a Lua script and its arguments when given.
    func run(_ url: String, script: String? = nil, scriptArguments: [String] = []) throws -> Result {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"]
        if let script { arguments += ["-s", script] }
        arguments.append(url)
        if !scriptArguments.isEmpty { arguments += ["--"] + scriptArguments }
        let pinning = cpus.map { ["-c", $0, "wrk"] } ?? []
        let output = try Self.capture(cpus == nil ? "wrk" : "taskset", pinning + arguments)
        guard let rate = Self.number(after: "Requests/sec:", in: output) else {
            throw BenchError("wrk printed no Requests/sec:\n\(output)")
        }
        return Result(
            requestsPerSecond: rate,
            p50: Self.milliseconds(after: "50%", in: output) ?? .nan,
            p99: Self.milliseconds(after: "99%", in: output) ?? .nan,
            scriptLines: output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("EMPORIUM ") },
            failedStatuses: output.split(separator: "\n").first { $0.hasPrefix("FAILED") }.map { String($0.dropFirst(7)) },
            non2xx: Int(Self.number(after: "Non-2xx or 3xx responses:", in: output) ?? 0)
        )
    }

    static func capture(_ command: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw BenchError("\(command) failed:\n\(text)") }
        return text
    }

    private static func number(after label: String, in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
        return line.split(separator: " ").last.flatMap { Double($0) }
    }

    /// `50%    1.23ms` (also `us` and `s`) in milliseconds.
    private static func milliseconds(after label: String, in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }),
            let value = line.split(separator: " ").last
        else { return nil }
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1_000.0)] where value.hasSuffix(unit) {
            return Double(value.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }
}
