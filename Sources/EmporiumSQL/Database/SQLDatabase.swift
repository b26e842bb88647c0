/// Where statements run: the database itself or an open transaction.
public protocol SQLSession: Sendable {
    /// Runs a statement and returns its rows (use `RETURNING` to learn what a write changed).
    func rows(_ statement: SQLStatement) async throws -> [SQLRow]

    /// Inserts many rows at once and returns how many were inserted; with `skippingExisting`, rows that break a
    /// unique constraint are skipped. The default sends one multi-row `INSERT`; SQLite reuses one prepared
    /// single-row statement instead, which it runs faster than it parses a long one.
    func insert(into table: String, columns: String, rows: [[SQLValue]], skippingExisting: Bool) async throws -> Int

    /// Runs writes that do not read each other's rows and returns the rows of the last. The default runs them
    /// one by one; PostgreSQL sends them as one statement (all but the last in a data-modifying `WITH`), which
    /// saves a round trip each: there they see the same snapshot, and foreign keys are checked at the end.
    func rows(together statements: [SQLStatement]) async throws -> [SQLRow]
}

/// A relational database that Emporium's SQL repositories run on: SQLite (GRDB) or PostgreSQL (PostgresNIO).
///
/// Adapters measure every statement (a client span and `emporium_db_query_duration_seconds`) and translate
/// constraint failures into ``SQLConstraintViolation``.
public protocol SQLDatabase: SQLSession {
    /// Which SQL the database speaks where the two differ (full-text search).
    var dialect: SQLDialect { get }

    /// What a bulk load into an empty catalog drops first and rebuilds last, in the load's transaction.
    var catalogBulkLoad: CatalogBulkLoad { get }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. When the database
    /// aborts the transaction to break a deadlock, `body` runs again in a new one, so it must not act outside
    /// the database.
    /// - Parameter name: the transaction's span name, for example `checkout`.
    func transaction<Result: Sendable>(
        _ name: String,
        _ body: @Sendable (any SQLSession) async throws -> Result
    ) async throws -> Result
}

/// The statements around a bulk load into an empty catalog. Maintaining secondary and text indexes row by row,
/// with keys landing all over them, costs more than the load itself; building each once at the end is cheaper.
public struct CatalogBulkLoad: Sendable {
    /// Run first: drop the catalog's secondary indexes and what keeps the text index in step.
    public var before: [String]
    /// Run after the last row: build them again.
    public var after: [String]
    /// Run once the load has committed, outside any transaction: refreshes the planner's statistics.
    public var analysis: String

    /// Creates the plan.
    public init(before: [String], after: [String], analysis: String = "ANALYZE") {
        self.before = before
        self.after = after
        self.analysis = analysis
    }
}

extension SQLSession {
    public func insert(
        into table: String,
        columns: String,
        rows: [[SQLValue]],
        skippingExisting: Bool
    ) async throws -> Int {
        guard let width = rows.first?.count, width > 0 else { return 0 }
        // PostgreSQL binds at most 65,535 parameters per statement, SQLite 32,766.
        let rowsPerStatement = max(1, SQLStatement.maximumParameters / width)
        var inserted = 0
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = Array(rows[start..<min(start + rowsPerStatement, rows.count)])
            let statement = SQLStatement.insert(
                into: table,
                columns: columns,
                rows: chunk,
                skippingExisting: skippingExisting,
                returning: "1 AS inserted"
            )
            inserted += try await self.rows(statement).count
        }
        return inserted
    }

    public func rows(together statements: [SQLStatement]) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for statement in statements { rows = try await self.rows(statement) }
        return rows
    }

    /// Runs a statement whose rows are not needed.
    public func execute(_ statement: SQLStatement) async throws {
        _ = try await rows(statement)
    }

    /// The first row of a statement, if any.
    public func firstRow(_ statement: SQLStatement) async throws -> SQLRow? {
        try await rows(statement).first
    }
}

/// A statement broke a constraint. Repositories turn this into a ``DomainError`` that names the field.
public struct SQLConstraintViolation: Error, Sendable, CustomStringConvertible {
    /// Which kind of constraint.
    public enum Kind: Sendable {
        case unique
        case check
        case foreignKey
        case notNull
    }

    public var kind: Kind
    /// The database's message, naming the constraint or column.
    public var detail: String

    /// Creates a violation.
    public init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind) constraint violated: \(detail)" }
}

extension SQLConstraintViolation {
    /// Whether the violated constraint or column mentions a name.
    public func mentions(_ name: String) -> Bool { detail.contains(name) }
}
