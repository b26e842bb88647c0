public import EmporiumCore
public import FoundationEssentials

/// One result row, read by column name. Accessors accept each adapter's native encoding (an integer or a
/// boolean for flags, text or a UUID for ids, milliseconds or a date for times).
public struct SQLRow: Sendable {
    private let values: [String: SQLValue]

    /// Creates a row from column names and values.
    public init(_ values: [String: SQLValue]) {
        self.values = values
    }

    /// The raw value of a column; `.null` when absent.
    public subscript(column: String) -> SQLValue { values[column] ?? .null }

    /// A non-null integer column.
    public func int(_ column: String) throws -> Int64 {
        switch self[column] {
        case .integer(let value): return value
        case .real(let value): return Int64(value)
        case .bool(let value): return value ? 1 : 0
        default: throw SQLRowError(column: column, expected: "an integer", found: self[column])
        }
    }

    /// A nullable integer column.
    public func optionalInt(_ column: String) throws -> Int64? {
        self[column] == .null ? nil : try int(column)
    }

    /// A non-null real column.
    public func double(_ column: String) throws -> Double {
        switch self[column] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw SQLRowError(column: column, expected: "a number", found: self[column])
        }
    }

    /// A non-null text column (a UUID column reads as its lower-case text).
    public func string(_ column: String) throws -> String {
        switch self[column] {
        case .text(let value): return value
        case .uuid(let value): return value.uuidString.lowercased()
        default: throw SQLRowError(column: column, expected: "text", found: self[column])
        }
    }

    /// A nullable text column.
    public func optionalString(_ column: String) throws -> String? {
        self[column] == .null ? nil : try string(column)
    }

    /// A boolean column stored as a boolean or as 0/1.
    public func bool(_ column: String) throws -> Bool {
        switch self[column] {
        case .bool(let value): return value
        case .integer(let value): return value != 0
        default: throw SQLRowError(column: column, expected: "a boolean", found: self[column])
        }
    }

    /// A timestamp column stored as a date or as Unix milliseconds.
    public func date(_ column: String) throws -> Date {
        switch self[column] {
        case .date(let value): return value
        case .integer(let value): return Date(unixMilliseconds: value)
        default: throw SQLRowError(column: column, expected: "a timestamp", found: self[column])
        }
    }

    /// A nullable timestamp column.
    public func optionalDate(_ column: String) throws -> Date? {
        self[column] == .null ? nil : try date(column)
    }

    /// An identifier column stored as a UUID or as text.
    public func id<Entity>(_ column: String, as _: Entity.Type = Entity.self) throws -> Identifier<Entity> {
        switch self[column] {
        case .uuid(let value): return Identifier(value)
        case .text(let value):
            guard let id = Identifier<Entity>(value) else {
                throw SQLRowError(column: column, expected: "a UUID", found: .text(value))
            }
            return id
        default: throw SQLRowError(column: column, expected: "a UUID", found: self[column])
        }
    }

    /// A nullable identifier column.
    public func optionalID<Entity>(_ column: String, as type: Entity.Type = Entity.self) throws -> Identifier<Entity>? {
        self[column] == .null ? nil : try id(column, as: type)
    }

    /// An amount column with its currency column.
    public func money(_ amountColumn: String, currency currencyColumn: String = "currency") throws -> Money {
        try Money(int(amountColumn), Currency(string(currencyColumn)))
    }
}

/// A column held a value of an unexpected type: a schema and code mismatch, not a user's mistake.
public struct SQLRowError: Error, CustomStringConvertible {
    public var column: String
    public var expected: String
    public var found: SQLValue

    public var description: String { "column \(column): expected \(expected), found \(found)" }
}
