import CoreMetrics
import Tracing

/// Wraps every database call of an adapter in a client span (`db.system`, `db.operation`,
/// `db.collection.name`), records its duration in `emporium_db_query_duration_seconds` and counts it in
/// `emporium_db_calls_in_flight` while it runs (how busy the connection pool is; a statement inside a
/// transaction counts beside its transaction).
///
/// ```swift
/// let instrumentation = QueryInstrumentation(system: "sqlite")
/// let page = try await instrumentation.measure("SELECT", table: "products") { try await read(...) }
/// ```
public struct QueryInstrumentation: Sendable {
    /// The swift-metrics label, exposed as `emporium_db_query_duration_seconds`.
    public static let durationLabel = "emporium.db.query.duration"
    /// The swift-metrics label, exposed as `emporium_db_calls_in_flight`.
    public static let inFlightLabel = "emporium.db.calls.in_flight"

    /// `sqlite` or `postgresql`, as OpenTelemetry's semantic conventions name them.
    public let system: String
    /// The operator's faults; their database latency is added to every call, inside its span.
    let faults: Faults?
    private let timers: MetricHandles<QueryKind, Timer>
    private let inFlight: MetricHandles<String, Meter>

    /// Creates the instrumentation for one database system.
    public init(system: String, faults: Faults? = nil) {
        self.system = system
        self.faults = faults
        self.inFlight = MetricHandles { system in Meter(label: Self.inFlightLabel, dimensions: [("db.system", system)])
        }
        self.timers = MetricHandles { kind in
            Timer(
                label: Self.durationLabel,
                dimensions: [("db.system", system), ("db.operation", kind.operation), ("db.collection", kind.table)]
            )
        }
    }

    /// Runs one database call inside a span and times it.
    ///
    /// A call made outside any traced operation (a background poll finding nothing to do) is timed but not
    /// traced: it would start a one-span trace of its own every time and bury the traces that matter.
    /// - Parameters:
    ///   - operation: the SQL verb (`SELECT`, `INSERT`, `UPDATE`, `DELETE`) or a transaction's name (`checkout`).
    ///   - table: the main table the call touches.
    ///   - body: the call.
    public func measure<Result: Sendable>(
        _ operation: String,
        table: String,
        _ body: () async throws -> Result
    ) async throws -> Result {
        let start = ContinuousClock.now
        let calls = inFlight[system]
        calls.increment()
        defer {
            calls.decrement()
            timers[QueryKind(operation: operation, table: table)]
                .recordNanoseconds((ContinuousClock.now - start).wholeNanoseconds)
        }
        guard ServiceContext.current != nil else {
            if let faults { try await faults.delay(faults.settings.databaseLatency) }
            return try await body()
        }
        return try await withSpan("\(operation) \(table)", ofKind: .client) { span in
            span.attributes["db.system"] = system
            span.attributes["db.operation"] = operation
            span.attributes["db.collection.name"] = table
            if let faults { try await faults.delay(faults.settings.databaseLatency) }
            return try await body()
        }
    }
}
