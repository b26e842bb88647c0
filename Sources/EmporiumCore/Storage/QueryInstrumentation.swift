import CoreMetrics
public import Tracing

/// Wraps every database call of an adapter in a client span (`db.system`, `db.operation`,
/// `db.collection.name`) and records its duration in `emporium_db_query_duration_seconds`.
///
/// ```swift
/// let instrumentation = QueryInstrumentation(system: "sqlite")
/// let page = try await instrumentation.measure("SELECT", table: "products") { try await read(...) }
/// ```
public struct QueryInstrumentation: Sendable {
    /// The swift-metrics label, exposed as `emporium_db_query_duration_seconds`.
    public static let durationLabel = "emporium.db.query.duration"

    /// `sqlite` or `postgresql`, as OpenTelemetry's semantic conventions name them.
    public let system: String

    /// Creates the instrumentation for one database system.
    public init(system: String) {
        self.system = system
    }

    /// Runs one database call inside a span and times it.
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
        defer {
            let elapsed = ContinuousClock.now - start
            let nanoseconds =
                elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
            Timer(
                label: Self.durationLabel,
                dimensions: [("db.system", system), ("db.operation", operation), ("db.collection", table)]
            ).recordNanoseconds(nanoseconds)
        }
        return try await withSpan("\(operation) \(table)", ofKind: .client) { span in
            span.attributes["db.system"] = system
            span.attributes["db.operation"] = operation
            span.attributes["db.collection.name"] = table
            return try await body()
        }
    }
}
