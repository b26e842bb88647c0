import Foundation

/// `junit.xml`: every budget as a test case, so that a CI system's test view shows which budget broke and what
/// was observed. The shape is the JUnit XML that Surefire, Jenkins, GitLab and GitHub reporters read: one
/// `<testsuite>` named after the run, a `<failure>` in each broken budget's `<testcase>`, and the summary table
/// as the suite's `<system-out>`.
public enum JUnitReport {
    /// The document for a finished run.
    public static func render(_ report: RunReport, traceURL: String? = nil) -> String {
        let broken = report.verdicts.filter { !$0.passed }.count
        let time = seconds(report.seconds)
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="emporium-load" tests="\#(report.verdicts.count)" failures="\#(broken)" errors="0" time="\#(time)">"#,
            "  <testsuite name=\(Markup.quoted(report.name)) tests=\"\(report.verdicts.count)\" failures=\"\(broken)\""
                + " errors=\"0\" skipped=\"0\" time=\"\(time)\" timestamp=\"\(timestamp(report.started))\">",
            "    <properties>",
            "      <property name=\"target\" value=\(Markup.quoted(report.target))/>",
            "      <property name=\"requests\" value=\"\(report.total.requests)\"/>",
            "      <property name=\"exit_code\" value=\"\(report.exitCode)\"/>",
            "    </properties>",
        ]
        for verdict in report.verdicts {
            lines += testCase(verdict, suite: report.name, time: time)
        }
        lines.append("    <system-out>\(Markup.escaped(SummaryTable.render(report, traceURL: traceURL)))</system-out>")
        lines += ["  </testsuite>", "</testsuites>", ""]
        return lines.joined(separator: "\n")
    }

    private static func testCase(_ verdict: BudgetVerdict, suite: String, time: String) -> [String] {
        let opening =
            "    <testcase name=\(Markup.quoted(verdict.expression)) classname=\(Markup.quoted("budgets.\(suite)")) time=\"\(time)\""
        guard !verdict.passed else { return [opening + "/>"] }
        let observed = verdict.observed.map { "observed " + SummaryTable.value(of: $0, unit: verdict.unit) }
        let windows = verdict.windows.map { "\(verdict.brokenWindows ?? 0) of \($0) windows broken" }
        let message = [observed, windows, verdict.note].compactMap { $0 }.joined(separator: "; ")
        return [
            opening + ">",
            "      <failure type=\"budget\" message=\(Markup.quoted(message))>\(Markup.escaped("\(verdict.expression): \(message)"))</failure>",
            "    </testcase>",
        ]
    }

    /// Seconds with at most three decimals, as Surefire's schema requires.
    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f", max(0, value))
    }

    /// ISO 8601 in UTC, without a zone designator: the form JUnit readers expect.
    private static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: date)
    }
}
