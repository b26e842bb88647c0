public import Foundation

/// `summary.json`: the run for machines (CI, `emporium-load compare`, `merge`). Its schema is documented in
/// docs/LOADTEST.md; `requests.total`, `requests.rate`, `steps.NAME.latency_ms.{p50,p95,p99,max}`,
/// `steps.NAME.errors`, `budgets[].{expression,passed,observed}` and `slowest[].{step,latency_ms,trace_id}` are
/// a contract.
public struct SummaryDocument: Codable, Sendable {
    public struct Requests: Codable, Sendable {
        public var total: Int
        public var rate: Double
        public var failed: Int
        public var failures: [String: Int]
    }

    public struct Step: Codable, Sendable {
        public var scenarios: [String]
        public var requests: Int
        public var rate: Double
        public var errors: Int
        public var failures: [String: Int]
        public var checks: Checks
        public var latencyMs: LatencySummary
        public var latencyUncorrectedMs: LatencySummary
        public var timeToFirstByteMs: LatencySummary
        public var connectMs: LatencySummary
        public var status: [String: Int]

        enum CodingKeys: String, CodingKey {
            case scenarios, requests, rate, errors, failures, checks, status
            case latencyMs = "latency_ms"
            case latencyUncorrectedMs = "latency_uncorrected_ms"
            case timeToFirstByteMs = "time_to_first_byte_ms"
            case connectMs = "connect_ms"
        }
    }

    public struct Checks: Codable, Sendable {
        public var passed: Int
        public var failed: Int
    }

    public var name: String
    public var target: String
    public var started: Date
    public var durationSeconds: Double
    public var passed: Bool
    public var exitCode: Int32
    public var requests: Requests
    public var latencyMs: LatencySummary
    public var latencyUncorrectedMs: LatencySummary
    public var steps: [String: Step]
    public var iterations: [String: IterationSummary]
    public var budgets: [BudgetVerdict]
    public var slowest: [SlowRequest]
    public var failureExamples: [FailureExample]?
    public var timeline: [TimelinePoint]
    public var spectrum: [SpectrumPoint]
    /// Absent from summaries written before it existed, as `failureExamples`.
    public var spectrumUncorrected: [SpectrumPoint]?

    enum CodingKeys: String, CodingKey {
        case name, target, started, passed, requests, steps, iterations, budgets, slowest, timeline, spectrum
        case durationSeconds = "duration_seconds"
        case spectrumUncorrected = "spectrum_uncorrected"
        case failureExamples = "failure_examples"
        case exitCode = "exit_code"
        case latencyMs = "latency_ms"
        case latencyUncorrectedMs = "latency_uncorrected_ms"
    }

    /// The document of a run.
    public init(_ report: RunReport) {
        name = report.name
        target = report.target
        started = report.started
        durationSeconds = report.seconds
        passed = report.exitCode == 0
        exitCode = report.exitCode
        requests = Requests(
            total: report.total.requests,
            rate: report.total.requestsPerSecond,
            failed: report.total.failed,
            failures: Self.names(report.total.failures)
        )
        latencyMs = report.total.latency
        latencyUncorrectedMs = report.total.uncorrected
        steps = Dictionary(
            report.steps.map { step in
                (
                    step.step,
                    Step(
                        scenarios: step.scenarios,
                        requests: step.requests,
                        rate: step.requestsPerSecond,
                        errors: step.failed,
                        failures: Self.names(step.failures),
                        checks: Checks(passed: step.checksPassed, failed: step.checksFailed),
                        latencyMs: step.latency,
                        latencyUncorrectedMs: step.uncorrected,
                        timeToFirstByteMs: step.timeToFirstByte,
                        connectMs: step.connect,
                        status: step.statusClasses
                    )
                )
            },
            uniquingKeysWith: { first, _ in first }
        )
        iterations = report.iterations
        budgets = report.verdicts
        slowest = report.slowest
        failureExamples = report.failureExamples
        timeline = report.timeline
        spectrum = report.spectrum
        spectrumUncorrected = report.spectrumUncorrected
    }

    /// The document as pretty, key-sorted JSON.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a document written by ``encoded()``.
    public static func decode(_ data: Data) throws -> SummaryDocument {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SummaryDocument.self, from: data)
    }

    private static func names(_ failures: [RequestFailure: Int]) -> [String: Int] {
        Dictionary(failures.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +)
    }
}
