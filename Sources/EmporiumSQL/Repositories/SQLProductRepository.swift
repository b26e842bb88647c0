public import EmporiumCore

/// Products, stock and catalog search over SQLite or PostgreSQL.
public struct SQLProductRepository: ProductRepository {
    let database: any SQLDatabase
    let textPlanning: TextPlanning

    /// Creates the repository.
    /// - Parameter textPlanning: how a text search chooses its plan; by default the dialect's
    ///   (``SQLDialect/textPlanning``).
    public init(database: any SQLDatabase, textPlanning: TextPlanning? = nil) {
        self.database = database
        self.textPlanning = textPlanning ?? database.dialect.textPlanning
    }

    public func insert(_ product: Product) async throws {
        try product.validate()
        do {
            try await database.execute(ProductRows.insert(product))
        } catch let violation as SQLConstraintViolation where violation.kind == .unique {
            throw DomainError(
                .conflict,
                "a product with sku \(product.sku) already exists",
                details: ["field": .string("sku")]
            )
        }
    }

    public func product(id: Identifier<Product>) async throws -> Product? {
        let statement = SQLStatement(
            "SELECT \(ProductRows.columns) FROM products p WHERE p.id = ?",
            [.uuid(id.uuid)],
            table: "products"
        )
        return try await database.firstRow(statement).map(ProductRows.decode)
    }

    public func products(ids: [Identifier<Product>]) async throws -> [Product] {
        guard !ids.isEmpty else { return [] }
        let statement = SQLStatement(
            "SELECT \(ProductRows.columns) FROM products p WHERE p.id IN (\(SQLStatement.placeholders(ids.count)))",
            ids.map { .uuid($0.uuid) },
            table: "products"
        )
        return try await database.rows(statement).map(ProductRows.decode)
    }

    public func update(_ product: Product) async throws {
        try product.validate()
        let statement = SQLStatement(
            """
            UPDATE products SET name = ?, description = ?, price_amount = ?, currency = ?, category_id = ?,
              brand = ?, attributes = ?, active = ?
            WHERE id = ? RETURNING id
            """,
            [
                .text(product.name), .text(product.description), .integer(product.price.amount),
                .text(product.price.currency.code), product.categoryID.map { .uuid($0.uuid) } ?? .null,
                product.brand.sqlValue, .text(ProductRows.encode(product.attributes)), .bool(product.isActive),
                .uuid(product.id.uuid),
            ],
            table: "products"
        )
        guard try await database.firstRow(statement) != nil else {
            throw DomainError.notFound("Product", product.id.description)
        }
    }

    public func setStock(of id: Identifier<Product>, onHand: Int) async throws {
        guard onHand >= 0 else { throw DomainError.invalid("stock", "zero or more, got \(onHand)") }
        let statement = SQLStatement(
            "UPDATE products SET on_hand = ? WHERE id = ? AND reserved <= ? RETURNING id",
            [.integer(Int64(onHand)), .uuid(id.uuid), .integer(Int64(onHand))],
            table: "products"
        )
        guard try await database.firstRow(statement) == nil else { return }
        guard let product = try await product(id: id) else { throw DomainError.notFound("Product", id.description) }
        throw DomainError.invalid(
            "stock",
            "at least the \(product.inventory.reserved) units reserved by pending orders, got \(onHand)"
        )
    }

    public func search(_ query: ProductQuery) async throws -> ProductPage {
        var categoryIDs: [Identifier<Category>] = []
        if let categoryID = query.categoryID {
            categoryIDs = try await database.rows(ProductSearchSQL.subtreeStatement(of: categoryID)).map {
                try $0.id("id")
            }
            guard !categoryIDs.isEmpty else { return ProductPage(items: [], nextCursor: nil) }
        }
        let search = ProductSearchSQL(query: query, categoryIDs: categoryIDs, dialect: database.dialect)
        // One row more than the page tells whether a next page exists.
        var found: [(row: SQLRow, part: ProductSearchSQL.Part)] = []
        for part in search.parts where found.count <= query.limit {
            let rows = try await rows(of: part, in: search, limit: query.limit + 1 - found.count)
            found += rows.map { ($0, part) }
        }
        let page = found.prefix(query.limit)
        let items = try page.map { try ProductRows.decode($0.row) }
        guard found.count > query.limit, let last = page.last, let lastItem = items.last else {
            return ProductPage(items: items, nextCursor: nil)
        }
        return ProductPage(
            items: items,
            nextCursor: try search.cursor(after: last.row, of: last.part, product: lastItem)
        )
    }

    /// A part's rows, by the plan ``textPlanning`` chooses.
    private func rows(of part: ProductSearchSQL.Part, in search: ProductSearchSQL, limit: Int) async throws -> [SQLRow]
    {
        guard let scope = part.scope else {
            return try await database.rows(search.statement(part, plan: .alongSortIndex, limit: limit))
        }
        switch textPlanning {
        case .countingFirst(let countLimit):
            let count = database.dialect.matchCount(search.query.searchTerms, in: scope, limit: countLimit)
            let matches = try await database.firstRow(count)?.int("matches") ?? 0
            let plan: TextPlan = matches < countLimit ? .fromTextIndex : .alongSortIndex
            return try await database.rows(search.statement(part, plan: plan, limit: limit))
        case .walkingFirst(let rows):
            let walked = try await database.rows(
                search.statement(part, plan: .alongSortIndexFor(rows: rows), limit: limit)
            )
            guard walked.count < limit else { return walked }
            return try await database.rows(search.statement(part, plan: .fromTextIndex, limit: limit))
        }
    }
}
