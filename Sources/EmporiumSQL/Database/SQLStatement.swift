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

    /// Creates a statement; `operation` defaults to the first word of the SQL.
    public init(_ sql: String, _ binds: [SQLValue] = [], operation: String? = nil, table: String) {
        self.sql = sql
        self.binds = binds
        self.operation = operation ?? String(sql.prefix { $0.isLetter }).uppercased()
        self.table = table
    }

    /// Placeholders for a list: `?, ?, ?`.
    public static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
