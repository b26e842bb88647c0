import EmporiumCore
import Hummingbird

/// The fault settings in the API's units (milliseconds), and which faults are on.
struct FaultsBody: ResponseEncodable, Decodable {
    var paymentFailureRate: Double?
    var paymentLatencyMs: Int?
    var databaseLatencyMs: Int?
    var slowSearchMs: Int?
    var active: [String]?

    init(_ settings: FaultSettings) {
        paymentFailureRate = settings.paymentFailureRate
        paymentLatencyMs = Self.milliseconds(settings.paymentLatency)
        databaseLatencyMs = Self.milliseconds(settings.databaseLatency)
        slowSearchMs = Self.milliseconds(settings.slowSearch)
        active = settings.states.filter(\.isActive).map(\.fault)
    }

    /// The settings asked for; a missing field turns its fault off.
    var settings: FaultSettings {
        FaultSettings(
            paymentFailureRate: paymentFailureRate ?? 0,
            paymentLatency: .milliseconds(paymentLatencyMs ?? 0),
            databaseLatency: .milliseconds(databaseLatencyMs ?? 0),
            slowSearch: .milliseconds(slowSearchMs ?? 0)
        )
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    enum CodingKeys: String, CodingKey {
        case active
        case paymentFailureRate = "payment_failure_rate"
        case paymentLatencyMs = "payment_latency_ms"
        case databaseLatencyMs = "database_latency_ms"
        case slowSearchMs = "slow_search_ms"
    }
}
