/// The two SQL dialects Emporium stores into. The statements are shared; full-text search and row locking differ.
public enum SQLDialect: Sendable {
    /// SQLite with FTS5 (`products_fts`, columns name, brand, description).
    case sqlite
    /// PostgreSQL with two `tsvector` columns: `search_vector` (name, brand and description) and `name_vector`
    /// (name and brand), each with a GIN index.
    case postgres

    /// How a text search chooses its plan here. FTS5 counts matches in its index alone, column filters
    /// included, so SQLite counts first. A GIN index builds a bitmap of every match before it returns one, so a
    /// count costs PostgreSQL as much as the search; it walks first.
    var textPlanning: TextPlanning {
        switch self {
        case .sqlite: .countingFirst(upTo: 5_000)
        case .postgres: .walkingFirst(rows: 2_000)
        }
    }

    /// A condition on `id` that matches the products with these ids (`count` placeholders) and, where rows are
    /// locked, locks them in id order first: PostgreSQL may visit an `IN` list in heap order (a bitmap scan), and
    /// two transactions locking the same products in different orders deadlock. SQLite has one writer at a
    /// time, so a plain list does.
    func productIDsLockedInOrder(_ count: Int) -> String {
        let list = SQLStatement.placeholders(count)
        return switch self {
        case .sqlite: "id IN (\(list))"
        case .postgres: "id IN (SELECT id FROM products WHERE id IN (\(list)) ORDER BY id FOR NO KEY UPDATE)"
        }
    }

    /// How many products have every term in `scope`, counting no further than `limit`, in the column `matches`.
    func matchCount(_ terms: [String], in scope: TextScope, limit: Int) -> SQLStatement {
        let text = textCondition(terms, in: scope)
        let matching =
            switch self {
            case .sqlite: "SELECT 1 FROM products_fts WHERE products_fts MATCH ?"
            case .postgres: "SELECT 1 FROM products p WHERE \(text.sql)"
            }
        return SQLStatement(
            "SELECT count(*) AS matches FROM (\(matching) LIMIT ?) AS counted",
            text.binds + [.integer(Int64(limit))],
            table: "products"
        )
    }

    /// The text condition of a statement that walks the sort's index: ``textCondition(_:in:)`` in a form that
    /// neither planner can answer from the text index instead (a unary `+` on SQLite; `IS NOT FALSE` on
    /// PostgreSQL, which changes nothing because neither vector is ever null).
    func walkedTextCondition(_ terms: [String], in scope: TextScope) -> (sql: String, binds: [SQLValue]) {
        let text = textCondition(terms, in: scope)
        return switch self {
        case .sqlite: ("+\(text.sql)", text.binds)
        case .postgres: ("(\(text.sql)) IS NOT FALSE", text.binds)
        }
    }

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
    /// Along the sort's own index, keeping the rows that match until a page is full: cheap when many match.
    case alongSortIndex
    /// Along the sort's own index, checking the text of at most `rows` rows: cheap when many match, and no
    /// dearer than `rows` rows when few do.
    case alongSortIndexFor(rows: Int)
    /// From the text index, sorting the matches afterwards: cheap when few products match.
    case fromTextIndex
}

/// How a text search chooses between its plans (``SQLDialect/textPlanning``).
public enum TextPlanning: Sendable {
    /// Count the matches up to a limit: below it, fetch them from the text index; from it, walk the sort's index.
    case countingFirst(upTo: Int)
    /// Walk at most `rows` rows along the sort's index; when that finds less than a page, use the text index.
    case walkingFirst(rows: Int)
}
