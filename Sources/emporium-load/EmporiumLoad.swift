import ArgumentParser
import Foundation

/// `emporium-load`: replays shopping journeys against an HTTP API and exits 0 when every budget held,
/// 99 when one broke, 2 on bad usage or a bad scenario file, 1 when the run itself failed.
@main
struct EmporiumLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emporium-load",
        abstract: "Replay journeys at a set arrival rate; fail when latency or error budgets break.",
        discussion:
            "Exit codes: 0 all budgets held · 99 a budget was broken · 2 bad usage or scenario · 1 the run failed.",
        subcommands: [Run.self, Replay.self, Merge.self, Compare.self]
    )

    /// Bad usage exits 2, not ArgumentParser's 64, so a CI job tells it from a broken budget (99).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .failure ? 1 : 2)
        }
    }
}
