import EmporiumCore
import FoundationEssentials

/// Builds the statements of one catalog search: filters, at most one text condition, the sort's key order and
/// keyset pagination.
///
/// Relevance is field-weighted: products whose name or brand holds every word (tier 1) come before products that
/// match through their description (tier 0), and within a tier the better-rated come first. Each tier is its own
/// statement in the order of an index, so a word that matches 50,000 products costs a page, not 50,000 scores.
struct ProductSearchSQL {
    /// One statement of a search: a relevance tier, or the whole search for the other sorts.
    struct Part {
        /// Where the words must occur, `nil` without text.
        let scope: TextScope?
        /// The relevance tier, `nil` for the other sorts.
        let tier: Int?
    }

    /// Above this many categories a filter stays one `IN` list instead of one ordered arm per category.
    static let maximumCategoryArms = 32

    let query: ProductQuery
    /// The filter category with all its descendants, resolved beforehand (``subtreeStatement(of:)``).
    let categoryIDs: [Identifier<Category>]
    let dialect: SQLDialect

    /// The statements a page may need, in order; later ones run only while the page is not full.
    var parts: [Part] {
        let terms = query.searchTerms
        guard query.sort == .relevance else {
            return [Part(scope: terms.isEmpty ? nil : .anywhere, tier: nil)]
        }
        let tiers: [(tier: Int, scope: TextScope)] = [(1, .nameOrBrand), (0, .elsewhere)]
        return tiers.filter { $0.tier <= cursorTier }.map { Part(scope: $0.scope, tier: $0.tier) }
    }

    /// The statement for one part, asking for `limit` rows.
    func statement(_ part: Part, plan: TextPlan, limit: Int) -> SQLStatement {
        var filter = filters(part)
        let order = "ORDER BY \(sortKey) \(direction), p.id \(direction) LIMIT ?"
        let orderOfRows = "ORDER BY sort_key \(direction), id \(direction) LIMIT ?"
        let columns = "\(ProductRows.columns), \(sortKey) AS sort_key"
        guard usesCategoryArms else {
            if !categoryIDs.isEmpty {
                filter.conditions.append("p.category_id IN (\(SQLStatement.placeholders(categoryIDs.count)))")
                filter.binds += categoryIDs.map { .uuid($0.uuid) }
            }
            let conditions = filter.conditions.joined(separator: " AND ")
            let sql: String
            var binds: [SQLValue]
            let terms = query.searchTerms
            switch (part.scope, plan) {
            case (nil, _):
                sql = "SELECT \(columns) FROM products p WHERE \(conditions) \(order)"
                binds = filter.binds
            case (let scope?, .alongSortIndex):
                let text = dialect.walkedTextCondition(terms, in: scope)
                sql = "SELECT \(columns) FROM products p WHERE \(text.sql) AND \(conditions) \(order)"
                binds = text.binds + filter.binds
            case (let scope?, .alongSortIndexFor(let rows)):
                let text = dialect.textCondition(terms, in: scope)
                // The text is a column, not a condition: neither planner can then fetch the matches from the
                // text index, and the walk stops after `rows` rows whatever their text.
                sql =
                    "SELECT * FROM (SELECT \(columns), \(text.sql) AS text_matches FROM products p "
                    + "WHERE \(conditions) \(order)) AS walked WHERE text_matches \(orderOfRows)"
                binds = text.binds + filter.binds + [.integer(Int64(rows))]
            case (let scope?, .fromTextIndex):
                let text = dialect.textCondition(terms, in: scope)
                // Materialising every match first keeps both planners from walking the key index instead.
                sql =
                    "WITH matches AS MATERIALIZED (SELECT \(columns) FROM products p "
                    + "WHERE \(text.sql) AND \(conditions)) SELECT * FROM matches \(orderOfRows)"
                binds = text.binds + filter.binds
            }
            binds.append(.integer(Int64(limit)))
            return SQLStatement(sql, binds, operation: "SELECT", table: "products")
        }
        // Neither planner merges the ordered ranges of an `IN` list, so a listing of a large category would walk
        // the whole key index; one ordered, limited arm per category and a merge of their heads avoid that.
        let arm =
            "SELECT \(columns) FROM products p WHERE \(filter.conditions.joined(separator: " AND ")) AND p.category_id = ? \(order)"
        let arms = categoryIDs.indices.map { "SELECT * FROM (\(arm)) AS arm\($0)" }
        let sql = arms.joined(separator: " UNION ALL ") + " \(orderOfRows)"
        let binds = categoryIDs.flatMap { filter.binds + [.uuid($0.uuid), .integer(Int64(limit))] }
        return SQLStatement(sql, binds + [.integer(Int64(limit))], operation: "SELECT", table: "products")
    }

    /// The cursor after a page's last row, which came from `part`.
    func cursor(after row: SQLRow, of part: Part, product: Product) throws -> SearchCursor {
        let key: SearchCursor.Key
        switch query.sort {
        case .relevance: key = .relevance(tier: part.tier ?? 0, rating: try row.double("sort_key"))
        case .rating: key = .real(try row.double("sort_key"))
        case .priceAscending, .priceDescending: key = .integer(product.price.amount)
        case .newest: key = .integer(product.createdAt.unixMilliseconds)
        }
        return SearchCursor(sort: query.sort, key: key, productID: product.id)
    }

    /// A category and all its descendants.
    static func subtreeStatement(of categoryID: Identifier<Category>) -> SQLStatement {
        SQLStatement(
            """
            WITH RECURSIVE tree(id) AS (SELECT c.id FROM categories c WHERE c.id = ?
              UNION ALL SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
            SELECT id FROM tree
            """,
            [.uuid(categoryID.uuid)],
            operation: "SELECT",
            table: "categories"
        )
    }

    /// Arms only for listings without text: with text, every arm would match the text again, and the text plan
    /// already bounds those searches.
    private var usesCategoryArms: Bool {
        query.sort != .relevance && query.text == nil && (2...Self.maximumCategoryArms).contains(categoryIDs.count)
    }

    /// Every condition but the text and the category, with their binds in order.
    private func filters(_ part: Part) -> (conditions: [String], binds: [SQLValue]) {
        var conditions = ["p.active = ?"]
        var binds: [SQLValue] = [.bool(true)]
        // SQLite's planner prefers the price index for a price range and sorts afterwards, even when walking the
        // sort's own index and filtering would stop after one page; a unary `+` keeps it on the sort's index.
        let isPriceSort = query.sort == .priceAscending || query.sort == .priceDescending
        let price = dialect == .sqlite && !isPriceSort ? "+p.price_amount" : "p.price_amount"
        if let minPrice = query.minPrice {
            conditions.append("\(price) >= ?")
            binds.append(.integer(minPrice))
        }
        if let maxPrice = query.maxPrice {
            conditions.append("\(price) <= ?")
            binds.append(.integer(maxPrice))
        }
        if query.inStockOnly { conditions.append("p.on_hand - p.reserved > 0") }
        // The id breaks ties in the key's own direction, so one index on (key, id) serves the whole order, read
        // forwards or backwards, and a row-value comparison continues after the cursor within that index.
        if let cursor = query.cursor, let key = cursorKey(cursor, in: part) {
            conditions.append("(\(sortKey), p.id) \(query.sort.isDescending ? "<" : ">") (?, ?)")
            binds += [key, .uuid(cursor.productID.uuid)]
        }
        return (conditions, binds)
    }

    /// The key a part continues after, `nil` when the cursor lies in a better tier (the part starts at its top).
    private func cursorKey(_ cursor: SearchCursor, in part: Part) -> SQLValue? {
        switch (cursor.key, query.sort) {
        case (.relevance(let tier, let rating), _): tier == part.tier ? .real(rating) : nil
        case (.integer(let milliseconds), .newest): .date(Date(unixMilliseconds: milliseconds))
        case (.integer(let integer), _): .integer(integer)
        case (.real(let real), _): .real(real)
        }
    }

    /// The tier a relevance cursor stopped in; tiers above it are done.
    private var cursorTier: Int {
        if case .relevance(let tier, _) = query.cursor?.key { tier } else { Int.max }
    }

    private var sortKey: String {
        switch query.sort {
        case .relevance, .rating: "p.rating_average"
        case .priceAscending, .priceDescending: "p.price_amount"
        case .newest: "p.created_at"
        }
    }

    private var direction: String { query.sort.isDescending ? "DESC" : "ASC" }
}
