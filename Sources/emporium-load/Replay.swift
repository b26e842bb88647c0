import ArgumentParser
import Foundation
import LoadKit

/// `emporium-load replay ACCESS_LOG --target URL --speed 2`: sends the requests of an access log again, keeping
/// the recorded gaps between them divided by the speed.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay the JSON-lines access log of `emporium serve --access-log FILE` against a target.",
        discussion: """
            Each request is sent at its recorded offset divided by --speed, measured from that intended start, \
            and passes when answered with its recorded status. The log holds no headers or bodies, so only \
            GET and HEAD are replayed unless --methods says otherwise; --header adds a header to every request.
            """
    )

    @Argument(help: "The access log (one JSON object per line).")
    var accessLog: String

    @Option(help: "The base URL to send the requests to (http:// only).")
    var target: String

    @Option(help: "Divide the recorded gaps by this: 2 replays twice as fast.")
    var speed: Double = 1

    @Option(help: "The methods to replay, comma-separated.")
    var methods: String = "GET,HEAD"

    @Option(name: .customLong("header"), help: "A header for every request, such as 'Authorization: Bearer …'.")
    var headers: [String] = []

    @Option(name: .customLong("budget"), help: "A budget such as 'latency p95 < 200ms' (repeatable).")
    var budgets: [String] = []

    @Option(help: "The most requests in flight at once.")
    var maxInFlight: Int = 1_000

    @OptionGroup var flags: RunFlags

    func run() async throws {
        let options = try flags.runOptions(target: target)
        let replay: AccessLogReplay
        do {
            replay = try AccessLogReplay.load(path: accessLog, options: try replayOptions())
        } catch {
            FileHandle.standardError.write(Data("emporium-load: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let skipped = replay.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        FileHandle.standardError.write(
            Data(
                ("emporium-load: replaying \(replay.requests) requests recorded over "
                    + "\(Int(replay.recordedSeconds.rounded())) s at \(speed)× speed"
                    + (skipped.isEmpty ? "" : "; skipped (no body in the log): \(skipped.joined(separator: ", "))")
                    + "\n").utf8
            )
        )
        try await flags.execute(try LoadRun(test: replay.test, options: options))
    }

    private func replayOptions() throws -> AccessLogReplay.Options {
        guard speed > 0 else { throw ValidationError("--speed \(speed): expected more than 0") }
        guard maxInFlight > 0 else { throw ValidationError("--max-in-flight \(maxInFlight): expected at least 1") }
        var options = AccessLogReplay.Options()
        options.speed = speed
        options.maxVUs = maxInFlight
        options.methods = Set(
            methods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        )
        options.headers = try headers.map { header in
            guard let colon = header.firstIndex(of: ":"), header.startIndex < colon else {
                throw ValidationError("--header \(header): expected 'Name: value'")
            }
            return (
                String(header[..<colon]).trimmingCharacters(in: .whitespaces),
                String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        options.budgets = try budgets.map { expression in
            do {
                return try BudgetParser.parse(expression)
            } catch let error as BudgetSyntaxError {
                throw ValidationError("--budget \(expression): \(error.message)")
            }
        }
        return options
    }
}
