public import EmporiumCore

/// Products, stock and catalog search over SQLite or PostgreSQL.
public struct SQLProductRepository: ProductRepository {
    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
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
        let statement = ProductSearchSQL.statement(for: query, categoryIDs: categoryIDs, dialect: database.dialect)
        let rows = try await database.rows(statement)
        let pageRows = rows.prefix(query.limit)
        let items = try pageRows.map(ProductRows.decode)
        guard rows.count > query.limit, let lastRow = pageRows.last, let last = items.last else {
            return ProductPage(items: items, nextCursor: nil)
        }
        return ProductPage(
            items: items,
            nextCursor: try ProductSearchSQL.cursor(after: lastRow, product: last, sort: query.sort)
        )
    }
}
