/// The two SQL dialects Emporium stores into. The statements are shared; only full-text search differs.
public enum SQLDialect: Sendable {
    /// SQLite with FTS5 (`products_fts`, ranked by bm25).
    case sqlite
    /// PostgreSQL with a `tsvector` column (`search_vector`, ranked by `ts_rank_cd`).
    case postgres

    /// A FROM clause over active products matching the search terms, exposing `score` (higher is better),
    /// and the binds it needs.
    func textSearchSource(terms: [String]) -> (sql: String, binds: [SQLValue]) {
        switch self {
        case .sqlite:
            // bm25 is smaller for better matches; weights favour name, then brand, then description.
            let match = terms.map { "\"\($0)\"" }.joined(separator: " ")
            return (
                """
                (SELECT p.*, -bm25(products_fts, 10.0, 5.0, 1.0) AS score
                 FROM products_fts JOIN products p ON p.rowid = products_fts.rowid
                 WHERE products_fts MATCH ?) AS p
                """,
                [.text(match)]
            )
        case .postgres:
            let match = terms.joined(separator: " & ")
            return (
                """
                (SELECT p.*, ts_rank_cd(p.search_vector, query)::float8 AS score
                 FROM products p, to_tsquery('english', ?) AS query
                 WHERE p.search_vector @@ query) AS p
                """,
                [.text(match)]
            )
        }
    }
}
