import EmporiumSQL

extension SQLStatement {
    /// Writes as one statement: all but the last become data-modifying `WITH` clauses, which PostgreSQL runs
    /// to completion whether or not the last reads them. Placeholders keep their order, so the binds follow
    /// each other. Spans and metrics see operation `BATCH` over the tables in order. Needs one statement at least.
    static func combining(_ statements: [SQLStatement]) -> SQLStatement {
        guard statements.count > 1, let last = statements.last else { return statements[0] }
        let clauses = statements.dropLast().enumerated().map { index, statement in
            "write\(index) AS (\(statement.sql))"
        }
        return SQLStatement(
            "WITH \(clauses.joined(separator: ", ")) \(last.sql)",
            statements.flatMap(\.binds),
            operation: "BATCH",
            table: statements.map(\.table).joined(separator: ",")
        )
    }
}

extension SQLSession {
    /// One round trip for all the writes (see ``SQLSession/rows(together:)``).
    func combinedRows(_ statements: [SQLStatement]) async throws -> [SQLRow] {
        guard !statements.isEmpty else { return [] }
        return try await rows(SQLStatement.combining(statements))
    }
}
