import EmporiumSQL
import FoundationEssentials
import GRDB

extension SQLValue {
    /// The GRDB value stored: UUIDs as lower-case text, dates as Unix milliseconds, booleans as 0/1.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .bool(let value): (value ? 1 : 0).databaseValue
        case .uuid(let value): value.uuidString.lowercased().databaseValue
        case .date(let value): value.unixMilliseconds.databaseValue
        }
    }

    /// A value read from SQLite (blobs are not used by the schema and read as null).
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null, .blob: self = .null
        case .int64(let integer): self = .integer(integer)
        case .double(let real): self = .real(real)
        case .string(let text): self = .text(text)
        }
    }
}

extension SQLRow {
    /// A row read from GRDB, by column name.
    init(_ row: Row) {
        var values: [String: SQLValue] = [:]
        for (column, value) in row { values[column] = SQLValue(value) }
        self.init(values)
    }
}

extension SQLConstraintViolation {
    /// The violation behind a GRDB error, or `nil` when it is another failure.
    init?(_ error: DatabaseError) {
        guard error.resultCode == .SQLITE_CONSTRAINT else { return nil }
        let detail = error.message ?? "constraint failed"
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: self.init(kind: .unique, detail: detail)
        case .SQLITE_CONSTRAINT_FOREIGNKEY: self.init(kind: .foreignKey, detail: detail)
        case .SQLITE_CONSTRAINT_NOTNULL: self.init(kind: .notNull, detail: detail)
        default: self.init(kind: .check, detail: detail)
        }
    }
}
