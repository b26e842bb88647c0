/// The two SQL dialects Emporium stores into. The statements are shared; only full-text search differs.
public enum SQLDialect: Sendable {
    /// SQLite with FTS5 (`products_fts`, columns name, brand, description).
    case sqlite
    /// PostgreSQL with two `tsvector` columns: `search_vector` (name, brand and description) and `name_vector`
    /// (name and brand), each with a GIN index.
    case postgres

    /// A condition on `products p` that holds for the products with every term in `scope`, and its binds.
    /// Terms are plain words (``ProductQuery/searchTerms``), so nothing in them is syntax.
    func textCondition(_ terms: [String], in scope: TextScope) -> (sql: String, binds: [SQLValue]) {
        switch self {
        case .sqlite:
            let every = "(" + terms.map { "\"\($0)\"" }.joined(separator: " ") + ")"
            let inNameOrBrand = "{name brand} : \(every)"
            let match =
                switch scope {
                case .anywhere: every
                case .nameOrBrand: inNameOrBrand
                case .elsewhere: "\(every) NOT \(inNameOrBrand)"
                }
            return ("p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)", [.text(match)])
        case .postgres:
            // Without field weights in the query, a GIN index answers exactly and no row is checked again.
            let every = SQLValue.text(terms.joined(separator: " & "))
            let anywhere = "p.search_vector @@ to_tsquery('english', ?)"
            let inNameOrBrand = "p.name_vector @@ to_tsquery('english', ?)"
            return switch scope {
            case .anywhere: (anywhere, [every])
            case .nameOrBrand: (inNameOrBrand, [every])
            case .elsewhere: ("(\(anywhere) AND NOT \(inNameOrBrand))", [every, every])
            }
        }
    }
}

/// Where the words of a text search must occur.
enum TextScope: Sendable {
    /// Each word in the name, the brand or the description.
    case anywhere
    /// Each word in the name or the brand: the better relevance tier.
    case nameOrBrand
    /// Each word somewhere, but not all of them in the name or brand: the lower relevance tier.
    case elsewhere
}

/// How a statement reaches the products that match its text. Neither planner can be left to choose: SQLite
/// knows nothing of FTS5 match counts, and PostgreSQL assumes words independent, so two words that never occur
/// together look common to it and it walks the whole sort index looking for them.
enum TextPlan: Sendable {
    /// Along the sort's own index, checking the text of a bounded number of rows: cheap when many products
    /// match, and it cannot cost more than that bound when few do.
    case alongSortIndex
    /// From the text index, sorting the matches afterwards: cheap when few products match.
    case fromTextIndex
}
