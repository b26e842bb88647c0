import Foundation

/// Rows of a CSV file with a header line, handed to virtual users: the columns become `source.column`
/// variables.
public struct DataSource: Sendable {
    /// Which row a virtual user gets.
    public enum Order: String, Sendable, CaseIterable {
        /// Virtual user n gets row n; there must be a row for every virtual user.
        case unique
        /// Virtual user n gets row n, starting over after the last.
        case sequential
        /// Each virtual user gets a row drawn at random.
        case random
    }

    public var name: String
    public var columns: [String]
    public var rows: [[String]]
    public var order: Order

    /// The row of virtual user `vu` (from 1) as `name.column` variables.
    /// - Throws: ``DataExhausted`` when `unique` rows have run out.
    func variables(forVU vu: Int) throws -> [String: String] {
        guard !rows.isEmpty else { throw DataExhausted(source: name, rows: 0) }
        let index: Int
        switch order {
        case .unique:
            guard vu <= rows.count else { throw DataExhausted(source: name, rows: rows.count) }
            index = vu - 1
        case .sequential: index = (vu - 1) % rows.count
        case .random: index = Int.random(in: 0..<rows.count)
        }
        var values: [String: String] = [:]
        for (column, value) in zip(columns, rows[index]) { values["\(name).\(column)"] = value }
        return values
    }

    /// Parses CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks).
    /// - Returns: the header and the rows, or `nil` when a quote is not closed.
    static func parseCSV(_ text: String) -> (columns: [String], rows: [[String]])? {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\n", "\r":
                if scalar == "\r", pending == "\n" { pending = iterator.next() }
                record.append(field)
                field = ""
                if record != [""] { records.append(record) }
                record = []
            default: field.unicodeScalars.append(scalar)
            }
        }
        guard !quoted else { return nil }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        guard let header = records.first else { return ([], []) }
        return (header.map { $0.trimmingCharacters(in: .whitespaces) }, Array(records.dropFirst()))
    }
}

/// A `unique` data source has fewer rows than virtual users.
public struct DataExhausted: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var rows: Int
    public var description: String { "data \(source) has no row left (\(rows) rows, order: unique)" }
}
