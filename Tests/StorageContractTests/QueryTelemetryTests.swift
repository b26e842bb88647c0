import CoreMetrics
import EmporiumCore
import EmporiumSQL
import EmporiumSQLite
import EmporiumTesting
import Foundation
import Telemetry
import TelemetryTesting
import Testing
import Tracing

@Suite("Storage telemetry and durability")
struct QueryTelemetryTests {
    @Test(
        "every statement of a traced operation is a client span under its transaction; every statement is timed",
        arguments: Backend.available
    )
    func statementsAreTraced(_ backend: Backend) async throws {
        let recorder = InMemorySpanRecorder()
        let tracer = TelemetryTracer(resource: .test, processor: recorder)
        let metrics = MetricsRegistry()
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Traced Lamp")
            try await withMetricsFactory(metrics) {
                try await withTracer(tracer) {
                    try await withSpan("POST /api/v1/orders", ofKind: .server) { _ in
                        _ = try await shop.placedOrder(of: product)
                    }
                    // Outside any traced operation (a background poll) a statement is timed, not traced.
                    _ = try await database.rows(SQLStatement("SELECT 1 AS idle", table: "poll"))
                }
            }
        }
        // PostgreSQL sends the stock reservation in one batch statement with the order's inserts.
        let (operation, table) =
            backend == .sqlite
            ? ("UPDATE", "products") : ("BATCH", "idempotency_keys,orders,order_lines,outbox_events,carts,products")
        let spans = recorder.spans
        let checkout = try #require(spans.first { $0.operationName == "checkout transaction" })
        let reservation = try #require(spans.first { $0.operationName == "\(operation) \(table)" })
        #expect(reservation.parentSpanID == checkout.context.spanID)
        #expect(reservation.kind == .client)
        let system = backend == .sqlite ? "sqlite" : "postgresql"
        #expect(reservation.attributes["db.system"]?.toSpanAttribute() == .string(system))
        #expect(reservation.attributes["db.operation"]?.toSpanAttribute() == .string(operation))
        #expect(reservation.attributes["db.collection.name"]?.toSpanAttribute() == .string(table))
        #expect(!spans.contains { $0.operationName == "SELECT poll" })
        let exposition = String(decoding: metrics.render(.prometheusText), as: UTF8.self)
        #expect(
            exposition.contains(
                #"emporium_db_query_duration_seconds_count{db_collection="\#(table)",db_operation="\#(operation)",db_system="\#(system)"} 1"#
            )
        )
        #expect(exposition.contains(#"emporium_db_query_duration_seconds_count{db_collection="poll""#))
    }

    @Test("SQLite runs in WAL mode with synchronous FULL, so an acknowledged commit survives a crash")
    func sqliteDurability() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let row = try await database.firstRow(
                SQLStatement("PRAGMA synchronous", operation: "SELECT", table: "pragma")
            )
            #expect(try row?.int("synchronous") == 2, "2 is FULL")
            let mode = try await database.firstRow(
                SQLStatement("PRAGMA journal_mode", operation: "SELECT", table: "pragma")
            )
            #expect(try mode?.string("journal_mode") == "wal")
        }
    }
}
