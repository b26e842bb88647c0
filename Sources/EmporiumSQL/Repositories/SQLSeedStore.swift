public import EmporiumCore

/// Bulk, idempotent seed writes over SQLite or PostgreSQL: multi-row inserts that skip what exists.
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

    public func insertProducts(_ products: [Product], reviews: [Review]) async throws -> Int {
        guard !products.isEmpty else { return 0 }
        return try await database.transaction("seed products") { session in
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

    /// `ANALYZE`, the same statement in both dialects, so the planner knows the new table sizes.
    public func analyze() async throws {
        try await database.execute(SQLStatement("ANALYZE", operation: "ANALYZE", table: "database"))
    }
}
