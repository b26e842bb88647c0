/// A statement with `?` placeholders, its bound values, and what it does for spans and metrics.
///
/// Both dialects accept the same text: the PostgreSQL adapter numbers the placeholders (`$1`, `$2`, …).
public struct SQLStatement: Sendable, Hashable {
    public var sql: String
    public var binds: [SQLValue]
    /// The SQL verb for `db.operation`: `SELECT`, `INSERT`, `UPDATE`, `DELETE`.
    public var operation: String
    /// The main table for `db.collection.name`.
    public var table: String

    /// Creates a statement; `operation` defaults to the first word of the SQL. Pass `SELECT` for a read that
    /// starts with `WITH`: the SQLite adapter sends reads to its reader connections by this name.
    public init(_ sql: String, _ binds: [SQLValue] = [], operation: String? = nil, table: String) {
        self.sql = sql
        self.binds = binds
        self.operation = operation ?? String(sql.prefix { $0.isLetter }).uppercased()
        self.table = table
    }

    /// The most parameters one statement may bind in both databases (SQLite's default limit).
    public static let maximumParameters = 32_766

    /// Placeholders for a list: `?, ?, ?`.
    public static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// A multi-row `INSERT`; with `skippingExisting`, rows that break a unique constraint are skipped
    /// (`ON CONFLICT DO NOTHING`, the same in both dialects).
    public static func insert(
        into table: String,
        columns: String,
        rows: [[SQLValue]],
        skippingExisting: Bool = false,
        returning: String? = nil
    ) -> SQLStatement {
        let width = rows.first?.count ?? 0
        let tuple = "(\(placeholders(width)))"
        var sql = "INSERT INTO \(table) (\(columns)) VALUES "
        sql += Array(repeating: tuple, count: rows.count).joined(separator: ", ")
        if skippingExisting { sql += " ON CONFLICT DO NOTHING" }
        if let returning { sql += " RETURNING \(returning)" }
        return SQLStatement(sql, rows.flatMap { $0 }, operation: "INSERT", table: table)
    }
}
