import EmporiumSQL
import Foundation
import PostgresNIO

extension SQLStatement {
    /// The statement for PostgresNIO: `?` placeholders numbered `$1`, `$2`, … (outside quoted literals) and the
    /// values bound in their native PostgreSQL types.
    var postgresQuery: PostgresQuery {
        // Byte by byte: `?` and `'` are ASCII, and this runs for every statement.
        var sql: [UInt8] = []
        sql.reserveCapacity(self.sql.utf8.count + binds.count * 2)
        var placeholder = 0
        var inLiteral = false
        for byte in self.sql.utf8 {
            if byte == UInt8(ascii: "'") { inLiteral.toggle() }
            if byte == UInt8(ascii: "?"), !inLiteral {
                placeholder += 1
                sql.append(UInt8(ascii: "$"))
                sql.append(contentsOf: String(placeholder).utf8)
            } else {
                sql.append(byte)
            }
        }
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds { value.bind(into: &bindings) }
        return PostgresQuery(unsafeSQL: String(decoding: sql, as: UTF8.self), binds: bindings)
    }
}

extension SQLValue {
    fileprivate func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case .integer(let value): bindings.append(value)
        case .real(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        case .bool(let value): bindings.append(value)
        case .uuid(let value): bindings.append(value)
        case .date(let value): bindings.append(Date(unixMilliseconds: value.unixMilliseconds))
        }
    }

    /// A cell read from PostgreSQL, by its column type.
    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8: self = .integer(try cell.decode(Int64.self))
        case .float4, .float8: self = .real(try cell.decode(Double.self))
        case .bool: self = .bool(try cell.decode(Bool.self))
        case .uuid: self = .uuid(try cell.decode(UUID.self))
        case .timestamptz, .timestamp: self = .date(try cell.decode(Date.self))
        default: self = .text(try cell.decode(String.self))
        }
    }
}

extension SQLRow {
    /// A row read from PostgresNIO, by column name.
    init(_ row: PostgresRow) throws {
        var values: [String: SQLValue] = [:]
        for cell in row { values[cell.columnName] = try SQLValue(cell) }
        self.init(values)
    }
}

extension SQLConstraintViolation {
    /// The violation behind a server error (SQLSTATE class 23), or `nil` when it is another failure.
    init?(_ error: PSQLError) {
        guard let state = error.serverInfo?[.sqlState] else { return nil }
        let detail = [error.serverInfo?[.constraintName], error.serverInfo?[.message]]
            .compactMap { $0 }.joined(separator: ": ")
        switch state {
        case "23505": self.init(kind: .unique, detail: detail)
        case "23514": self.init(kind: .check, detail: detail)
        case "23503": self.init(kind: .foreignKey, detail: detail)
        case "23502": self.init(kind: .notNull, detail: detail)
        default: return nil
        }
    }
}

extension PostgresRowSequence {
    /// Every row of the result, read by column name.
    func sqlRows() async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for try await row in self { rows.append(try SQLRow(row)) }
        return rows
    }
}
