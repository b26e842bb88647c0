public import EmporiumCore
public import EmporiumSQL
import Foundation
import GRDB

/// Emporium's embedded database: one SQLite file in WAL mode through GRDB.
///
/// Reads run on GRDB's reader connections; writes and transactions run one at a time on its writer, ordered by
/// an async lock so a transaction's statements are never interleaved with another's. `synchronous = FULL`
/// makes every acknowledged commit durable across a crash or power loss.
///
/// ```swift
/// let database = try SQLiteDatabase(path: ".emporium/emporium.sqlite")
/// try database.migrate()
/// let checkout = CheckoutService(storage: database.storage, pricing: .standard)
/// ```
public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    public var catalogBulkLoad: CatalogBulkLoad { SQLiteSchema.catalogBulkLoad }
    /// The GRDB pool, for bulk work (seeding) that runs one synchronous write.
    let pool: DatabasePool
    private let writer = AsyncLock()
    private let instrumentation: QueryInstrumentation

    /// Opens (creating if needed) the database file and its folder.
    /// - Parameters:
    ///   - path: a file path; its parent folders are created.
    ///   - faults: the operator's faults, whose database latency every statement then takes longer.
    public init(path: String, faults: Faults? = nil) throws {
        instrumentation = QueryInstrumentation(system: "sqlite", faults: faults)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL: a commit is on disk before it is acknowledged. The page cache (32 MiB) and memory-mapped reads
            // (256 MiB) keep searches off the read() system call. ANALYZE samples 1,000 rows per index, as SQLite
            // recommends for large databases, instead of reading all of them (21 s for a million products).
            try db.execute(
                sql: """
                    PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
                    PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456; PRAGMA analysis_limit = 1000
                    """
            )
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// Applies the migrations that have not run yet.
    public func migrate() throws {
        try SQLiteSchema.migrator.migrate(pool)
    }

    public func rows(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await instrumentation.measure(statement.operation, table: statement.table) {
            if statement.operation == "SELECT" {
                return try await translatingErrors { try await pool.read { db in try Self.fetch(statement, db) } }
            }
            return try await writer.withLock {
                try await translatingErrors { try await pool.write { db in try Self.fetch(statement, db) } }
            }
        }
    }

    public func transaction<Result: Sendable>(
        _ name: String,
        _ body: @Sendable (any SQLSession) async throws -> Result
    ) async throws -> Result {
        try await instrumentation.measure(name, table: "transaction") {
            try await writer.withLock {
                try await pool.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
                do {
                    let result = try await body(TransactionSession(pool: pool, instrumentation: instrumentation))
                    try await pool.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
                    return result
                } catch {
                    try? await pool.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
        }
    }

    public func insert(into table: String, columns: String, rows: [[SQLValue]], skippingExisting: Bool) async throws
        -> Int
    {
        // In one transaction: row by row outside one, every row would be a commit of its own.
        try await transaction("insert \(table)") { session in
            try await session.insert(into: table, columns: columns, rows: rows, skippingExisting: skippingExisting)
        }
    }

    /// Runs a statement through the connection's statement cache: each text is parsed (and checked by GRDB's
    /// authorizer) once per connection, not once per call.
    static func fetch(_ statement: SQLStatement, _ db: Database) throws -> [SQLRow] {
        let arguments = StatementArguments(statement.binds.map(\.databaseValue))
        return try Row.fetchAll(db.cachedStatement(sql: statement.sql), arguments: arguments).map(SQLRow.init)
    }
}

/// Statements of an open transaction, on the writer connection that holds it.
private struct TransactionSession: SQLSession {
    let pool: DatabasePool
    let instrumentation: QueryInstrumentation

    /// One cached single-row statement, run once per row in a single visit to the writer.
    func insert(into table: String, columns: String, rows: [[SQLValue]], skippingExisting: Bool) async throws -> Int {
        guard let width = rows.first?.count else { return 0 }
        let single = SQLStatement.insert(
            into: table,
            columns: columns,
            rows: [Array(repeating: .null, count: width)],
            skippingExisting: skippingExisting
        )
        return try await instrumentation.measure("INSERT", table: table) {
            try await translatingErrors {
                try await pool.writeWithoutTransaction { db in
                    let statement = try db.cachedStatement(sql: single.sql)
                    var inserted = 0
                    for row in rows {
                        try statement.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                        inserted += db.changesCount
                    }
                    return inserted
                }
            }
        }
    }

    func rows(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await instrumentation.measure(statement.operation, table: statement.table) {
            try await translatingErrors {
                try await pool.writeWithoutTransaction { db in try SQLiteDatabase.fetch(statement, db) }
            }
        }
    }

}

/// Rethrows GRDB's constraint failures as ``SQLConstraintViolation``.
private func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch let error as DatabaseError {
        throw SQLConstraintViolation(error) ?? error
    }
}
