import Foundation
import Synchronization

/// Shows progress on standard error: a redrawn bar on a terminal, a plain line every 10 % otherwise
/// (logs and CI), each with the rate and the time left.
final class ProgressReporter: Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = ContinuousClock.now
    private let lastDecile = Mutex(-1)
    /// True while a redrawn bar is on the terminal's last line.
    private let barIsDrawn = Mutex(false)

    init(label: String) {
        self.label = label
    }

    func update(done: Int, total: Int) {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let seconds = max((ContinuousClock.now - start) / .seconds(1), 0.001)
        let rate = Double(done) / seconds
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let figures =
            "\(done.formatted())/\(total.formatted()) \(label) · \(Int(rate).formatted())/s · \(Int(remaining.rounded()))s left"
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            write("\r\u{1B}[2K[\(bar)] \(Int(fraction * 100))%  \(figures)")
            barIsDrawn.withLock { $0 = true }
        } else {
            let decile = Int(fraction * 10)
            let isNewDecile = lastDecile.withLock { last in
                defer { last = max(last, decile) }
                return decile > last
            }
            if isNewDecile { write("\(Int(fraction * 100))%  \(figures)\n") }
        }
    }

    /// Ends the bar's line on a terminal.
    func finish() {
        let wasDrawn = barIsDrawn.withLock { drawn in
            defer { drawn = false }
            return drawn
        }
        if wasDrawn { write("\n") }
    }

    /// A line about the next stage of the work, below the bar.
    func announce(_ line: String) {
        finish()
        write(line + "\n")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
