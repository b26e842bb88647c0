/// The two SQL dialects Emporium stores into. The statements are shared; only full-text search differs.
public enum SQLDialect: Sendable {
    /// SQLite with FTS5 (`products_fts`, columns name, brand, description).
    case sqlite
    /// PostgreSQL with a `tsvector` column (`search_vector`: name weighted A, brand B, description C).
    case postgres

    /// The text-search expression for products holding every term in `scope`: an FTS5 query or a `tsquery`.
    /// Terms are plain words (``ProductQuery/searchTerms``), so nothing in them is syntax.
    func textMatch(_ terms: [String], in scope: TextScope) -> String {
        switch self {
        case .sqlite:
            let every = "(" + terms.map { "\"\($0)\"" }.joined(separator: " ") + ")"
            let inNameOrBrand = "{name brand} : \(every)"
            switch scope {
            case .anywhere: return every
            case .nameOrBrand: return inNameOrBrand
            case .elsewhere: return "\(every) NOT \(inNameOrBrand)"
            }
        case .postgres:
            let every = terms.joined(separator: " & ")
            let inNameOrBrand = terms.map { "\($0):AB" }.joined(separator: " & ")
            switch scope {
            case .anywhere: return every
            case .nameOrBrand: return inNameOrBrand
            case .elsewhere: return "\(every) & !(\(inNameOrBrand))"
            }
        }
    }

    /// A condition on `products p` with one placeholder, bound to a ``textMatch(_:in:)`` expression.
    func textCondition(_ plan: TextPlan) -> String {
        switch self {
        case .sqlite:
            // A unary `+` keeps SQLite from driving the query by the rowid list: it walks the sort's index and
            // keeps the rows in the list instead.
            let rowid = plan == .alongSortIndex ? "+p.rowid" : "p.rowid"
            return "\(rowid) IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)"
        case .postgres:
            // `IS NOT FALSE` (the vector is never null) hides the match from the GIN index, so that the planner
            // walks the sort's index; it would otherwise trust its estimate for several words, which assumes them
            // independent, and fetch and sort tens of thousands of matches it took for a few hundred.
            let match = "p.search_vector @@ to_tsquery('english', ?)"
            return plan == .alongSortIndex ? "(\(match)) IS NOT FALSE" : match
        }
    }

    /// How many products match a text expression, counting no further than `limit`, in the column `matches`.
    func matchCount(_ match: String, limit: Int) -> SQLStatement {
        let matching =
            switch self {
            case .sqlite: "SELECT 1 FROM products_fts WHERE products_fts MATCH ?"
            case .postgres: "SELECT 1 FROM products p WHERE \(textCondition(.fromTextIndex))"
            }
        return SQLStatement(
            "SELECT count(*) AS matches FROM (\(matching) LIMIT ?) AS counted",
            [.text(match), .integer(Int64(limit))],
            table: "products"
        )
    }

    /// From this many matches on, a text search walks the sort's index; below, it sorts the matches. SQLite
    /// counts matches in its FTS5 index alone; PostgreSQL rechecks each in the table (a GIN index does not
    /// hold field weights), so it counts less far.
    var textIndexLimit: Int {
        switch self {
        case .sqlite: 5_000
        case .postgres: 1_000
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
    /// From the text index, sorting the matches afterwards: cheap when few products match.
    case fromTextIndex
    /// Along the sort's own index, keeping the rows that match and stopping after a page: cheap when many match.
    case alongSortIndex
}
