public import FoundationEssentials

/// A value bound to a statement or read from a row, in the few types both SQLite and PostgreSQL adapters store.
///
/// Each adapter encodes them natively: a UUID is `uuid` in PostgreSQL and lower-case text in SQLite; a date is
/// `timestamptz` in PostgreSQL and Unix milliseconds in SQLite. Dates are kept to the millisecond everywhere.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bool(Bool)
    case uuid(UUID)
    case date(Date)
}

/// Types that bind as a ``SQLValue``.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .bool(self) } }
extension Date: SQLBindable { public var sqlValue: SQLValue { .date(self) } }

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Date {
    /// Unix time in whole milliseconds, the precision both databases keep.
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1_000).rounded()) }

    /// A date from Unix milliseconds.
    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1_000)
    }
}
