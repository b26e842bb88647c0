public import EmporiumCore

/// Bulk, idempotent seed writes over SQLite or PostgreSQL: multi-row inserts that skip what exists, and one
/// transaction for all products that, on an empty catalog, builds the indexes once at the end.
public struct SQLSeedStore: SeedStore {
    let database: any SQLDatabase

    /// Creates the store.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func insertCategories(_ categories: [Category]) async throws {
        _ = try await database.insert(
            into: "categories",
            columns: SQLCategoryRepository.columns,
            rows: categories.map(SQLCategoryRepository.values),
            skippingExisting: true
        )
    }

    public func insertUsers(_ users: [User]) async throws {
        _ = try await database.insert(
            into: "users",
            columns: SQLUserRepository.columns,
            rows: users.map(SQLUserRepository.values),
            skippingExisting: true
        )
    }

    public func loadProducts<Result: Sendable>(
        _ load: @Sendable (any ProductBatchWriter) async throws -> Result
    ) async throws -> Result {
        let bulkLoad = database.catalogBulkLoad
        return try await database.transaction("seed products") { session in
            let isEmpty =
                try await session.firstRow(
                    SQLStatement(
                        "SELECT count(*) AS products FROM (SELECT 1 FROM products LIMIT 1) AS any_product",
                        table: "products"
                    )
                )?.int("products") == 0
            if isEmpty {
                for sql in bulkLoad.before { try await session.execute(SQLStatement(sql, table: "products")) }
            }
            let result = try await load(SessionBatchWriter(session: session, buildsIndexesAtEnd: isEmpty))
            if isEmpty {
                for sql in bulkLoad.after { try await session.execute(SQLStatement(sql, table: "products")) }
            }
            return result
        }
    }

    /// Refreshes the planner's statistics (``CatalogBulkLoad/analysis``), so it knows the new table sizes.
    public func analyze() async throws {
        let analysis = database.catalogBulkLoad.analysis
        try await database.execute(
            SQLStatement(analysis, operation: String(analysis.prefix { $0.isLetter }), table: "database")
        )
    }
}

/// Inserts product batches into an open transaction.
private struct SessionBatchWriter: ProductBatchWriter {
    let session: any SQLSession
    let buildsIndexesAtEnd: Bool

    func insert(_ products: [Product], reviews: [Review]) async throws -> Int {
        guard !products.isEmpty else { return 0 }
        let inserted = try await session.insert(
            into: "products",
            columns: ProductRows.insertColumns,
            rows: products.map(ProductRows.values),
            skippingExisting: true
        )
        _ = try await session.insert(
            into: "reviews",
            columns: SQLReviewRepository.columns,
            rows: reviews.map(SQLReviewRepository.values),
            skippingExisting: true
        )
        return inserted
    }
}
