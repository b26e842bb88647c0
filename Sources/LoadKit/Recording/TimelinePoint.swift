/// One interval of the run as the report charts it: throughput, failures and latency percentiles of all
/// requests, corrected and uncorrected.
public struct TimelinePoint: Sendable, Hashable, Codable {
    /// Seconds from the start of the run.
    public var start: Double
    public var requests: Int
    public var failures: Int
    public var requestsPerSecond: Double
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    public var p99Uncorrected: Double?
    public var dropped: Int
    public var activeVUs: Int

    enum CodingKeys: String, CodingKey {
        case start, requests, failures, p50, p95, p99, dropped
        case requestsPerSecond = "requests_per_second"
        case p99Uncorrected = "p99_uncorrected"
        case activeVUs = "active_vus"
    }
}
