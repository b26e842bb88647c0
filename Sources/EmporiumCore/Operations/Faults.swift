import Synchronization

/// Faults an operator switches on to watch how the shop and its telemetry behave: failing and slow payments,
/// a slow database, slow searches. All are off by default.
public struct FaultSettings: Sendable, Hashable {
    /// The share of payment attempts that fail as if the provider were down, from 0 to 1.
    public var paymentFailureRate: Double
    /// Added to every call to the payment provider.
    public var paymentLatency: Duration
    /// Added to every database statement, inside its span.
    public var databaseLatency: Duration
    /// Added to every catalog search.
    public var slowSearch: Duration

    /// The longest latency a fault may add.
    public static let maximumLatency = Duration.seconds(30)

    /// Creates settings; everything off by default.
    public init(
        paymentFailureRate: Double = 0,
        paymentLatency: Duration = .zero,
        databaseLatency: Duration = .zero,
        slowSearch: Duration = .zero
    ) {
        self.paymentFailureRate = paymentFailureRate
        self.paymentLatency = paymentLatency
        self.databaseLatency = databaseLatency
        self.slowSearch = slowSearch
    }

    /// Checks the ranges.
    /// - Throws: ``DomainError/Code/invalidInput`` naming the field.
    public func validate() throws(DomainError) {
        guard (0...1).contains(paymentFailureRate) else {
            throw .invalid("payment_failure_rate", "a number from 0 to 1, got \(paymentFailureRate)")
        }
        let latencies = [
            ("payment_latency_ms", paymentLatency), ("database_latency_ms", databaseLatency),
            ("slow_search_ms", slowSearch),
        ]
        for (field, latency) in latencies where latency < .zero || latency > Self.maximumLatency {
            throw .invalid(field, "from 0 to 30000 milliseconds")
        }
    }

    /// Each fault's name, as in `emporium_fault_active{fault}`, and whether it is on.
    public var states: [(fault: String, isActive: Bool)] {
        [
            ("payment_failure_rate", paymentFailureRate > 0), ("payment_latency", paymentLatency > .zero),
            ("database_latency", databaseLatency > .zero), ("slow_search", slowSearch > .zero),
        ]
    }
}

/// The fault settings in effect, shared by everything that injects them.
public final class Faults: Sendable {
    private let current = Mutex(FaultSettings())

    /// Creates the switchboard with every fault off.
    public init() {}

    /// The settings in effect.
    public var settings: FaultSettings { current.withLock { $0 } }

    /// Replaces the settings after checking them.
    /// - Throws: ``DomainError/Code/invalidInput`` naming the field.
    public func apply(_ settings: FaultSettings) throws(DomainError) {
        try settings.validate()
        current.withLock { $0 = settings }
    }

    /// Sleeps for an injected latency, if any.
    func delay(_ latency: Duration) async throws {
        guard latency > .zero else { return }
        try await Task.sleep(for: latency)
    }
}
