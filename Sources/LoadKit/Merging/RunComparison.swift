import Foundation

/// How a run compares with a baseline, step by step: p95, p99 and error rate, and whether any regressed
/// beyond the allowed share.
///
/// Latency regressed when it grew by more than the limit (10 % by default). The error rate regressed when it
/// grew by more than the limit and by more than 0.1 percentage point, so that one error more than a flawless
/// baseline is not a regression.
public struct RunComparison: Sendable {
    /// One figure of one step in both runs.
    public struct Delta: Sendable, Hashable {
        public var step: String
        public var figure: String
        public var baseline: Double?
        public var current: Double?
        public var regressed: Bool

        /// The relative change, when both runs have the figure and the baseline is not zero.
        public var change: Double? {
            guard let baseline, let current, baseline > 0 else { return nil }
            return (current - baseline) / baseline
        }
    }

    public var deltas: [Delta]
    public var maxRegression: Double

    public var regressed: Bool { deltas.contains(where: \.regressed) }

    /// Compares every step the baseline has (a step missing from the current run regresses).
    public init(current: SummaryDocument, baseline: SummaryDocument, maxRegression: Double = 0.10) {
        self.maxRegression = maxRegression
        deltas = baseline.steps.keys.sorted().flatMap { step -> [Delta] in
            let before = baseline.steps[step]
            let after = current.steps[step]
            let errorsBefore = before.map { $0.requests == 0 ? 0 : Double($0.errors) / Double($0.requests) }
            let errorsAfter = after.map { $0.requests == 0 ? 0 : Double($0.errors) / Double($0.requests) }
            return [
                Self.latency(step, "p95", before?.latencyMs.p95, after?.latencyMs.p95, maxRegression),
                Self.latency(step, "p99", before?.latencyMs.p99, after?.latencyMs.p99, maxRegression),
                Delta(
                    step: step,
                    figure: "error rate",
                    baseline: errorsBefore,
                    current: errorsAfter,
                    regressed: errorsAfter.map { now in
                        let was = errorsBefore ?? 0
                        return now > was * (1 + maxRegression) && now - was > 0.001
                    } ?? true
                ),
            ]
        }
    }

    private static func latency(_ step: String, _ figure: String, _ before: Double?, _ after: Double?, _ limit: Double)
        -> Delta
    {
        let regressed: Bool =
            switch (before, after) {
            case (let before?, let after?): after > before * (1 + limit)
            case (.some, nil): true
            default: false
            }
        return Delta(step: step, figure: figure, baseline: before, current: after, regressed: regressed)
    }

    /// The deltas as a table, regressions marked ✗.
    public func table() -> String {
        var lines = ["  step                      figure         baseline     current    change"]
        for delta in deltas {
            let isRate = delta.figure == "error rate"
            let show = { (value: Double?) in
                value.map { isRate ? SummaryTable.format($0 * 100) + "%" : SummaryTable.format($0) + " ms" } ?? "–"
            }
            let change = delta.change.map { ($0 >= 0 ? "+" : "") + SummaryTable.format($0 * 100) + "%" } ?? "–"
            lines.append(
                "\(delta.regressed ? "✗" : " ") \(delta.step.padding(toLength: 25, withPad: " ", startingAt: 0)) "
                    + "\(delta.figure.padding(toLength: 11, withPad: " ", startingAt: 0)) "
                    + "\(show(delta.baseline).leftPadded(11)) \(show(delta.current).leftPadded(11)) \(change.leftPadded(9))"
            )
        }
        let broken = deltas.filter(\.regressed).count
        lines.append("")
        lines.append(
            broken == 0
                ? "no figure regressed beyond \(SummaryTable.format(maxRegression * 100))% → exit 0"
                : "\(broken) figures regressed beyond \(SummaryTable.format(maxRegression * 100))% → exit 99"
        )
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
