import EmporiumCore
import FoundationEssentials

/// Builds the catalog search statement: text match (dialect-specific), filters, sort and keyset pagination.
/// It asks for one row more than the page so the repository knows whether a next page exists.
enum ProductSearchSQL {
    /// The statement for a query. `categoryIDs` is the filter category with all its descendants, resolved
    /// beforehand (``subtreeStatement(of:)``): a literal list lets both planners use the (category, key) indexes.
    static func statement(for query: ProductQuery, categoryIDs: [Identifier<Category>], dialect: SQLDialect)
        -> SQLStatement
    {
        var binds: [SQLValue] = []
        var source = "products AS p"
        if query.sort == .relevance || !query.searchTerms.isEmpty {
            let search = dialect.textSearchSource(terms: query.searchTerms)
            source = search.sql
            binds += search.binds
        }
        var conditions = ["p.active = ?"]
        binds.append(.bool(true))
        if query.categoryID != nil {
            conditions.append("p.category_id IN (\(SQLStatement.placeholders(categoryIDs.count)))")
            binds += categoryIDs.map { .uuid($0.uuid) }
        }
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
        let key = sortKey(query.sort)
        let direction = query.sort.isDescending ? "DESC" : "ASC"
        // The id breaks ties in the key's own direction, so one index on (key, id) serves the whole order, read
        // forwards or backwards, and a row-value comparison continues after the cursor within that index.
        if let cursor = query.cursor {
            let comparison = query.sort.isDescending ? "<" : ">"
            conditions.append("(\(key), p.id) \(comparison) (?, ?)")
            binds += [bindValue(cursor.key, sort: query.sort), .uuid(cursor.productID.uuid)]
        }
        binds.append(.integer(Int64(query.limit + 1)))
        let sql = """
            SELECT \(ProductRows.columns), \(key) AS sort_key FROM \(source)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(key) \(direction), p.id \(direction) LIMIT ?
            """
        return SQLStatement(sql, binds, operation: "SELECT", table: "products")
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

    /// The cursor after a page's last row.
    static func cursor(after row: SQLRow, product: Product, sort: ProductSort) throws -> SearchCursor {
        let key: SearchCursor.Key
        switch sort {
        case .relevance, .rating: key = .real(try row.double("sort_key"))
        case .priceAscending, .priceDescending: key = .integer(product.price.amount)
        case .newest: key = .integer(product.createdAt.unixMilliseconds)
        }
        return SearchCursor(sort: sort, key: key, productID: product.id)
    }

    private static func sortKey(_ sort: ProductSort) -> String {
        switch sort {
        case .relevance: "p.score"
        case .priceAscending, .priceDescending: "p.price_amount"
        case .newest: "p.created_at"
        case .rating: "p.rating_average"
        }
    }

    private static func bindValue(_ key: SearchCursor.Key, sort: ProductSort) -> SQLValue {
        switch (key, sort) {
        case (.integer(let milliseconds), .newest): .date(Date(unixMilliseconds: milliseconds))
        case (.integer(let integer), _): .integer(integer)
        case (.real(let real), _): .real(real)
        }
    }
}
