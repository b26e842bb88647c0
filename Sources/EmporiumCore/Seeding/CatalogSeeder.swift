/// Writes seed data in bulk. Every insert skips rows that exist (same sku, email, slug or review), so seeding
/// is idempotent.
public protocol SeedStore: Sendable {
    func insertCategories(_ categories: [Category]) async throws
    func insertUsers(_ users: [User]) async throws
    /// Runs `load`, which writes the products in batches, as one bulk load in one transaction: all of it or
    /// nothing. On an empty catalog the store builds the catalog's indexes once, after `load` returns, instead
    /// of row by row.
    func loadProducts<Result: Sendable>(
        _ load: @Sendable (any ProductBatchWriter) async throws -> Result
    ) async throws -> Result
    /// Refreshes the planner's statistics after a bulk load.
    func analyze() async throws
}

/// Writes batches of products within a ``SeedStore/loadProducts(_:)`` load.
public protocol ProductBatchWriter: Sendable {
    /// True when the catalog's indexes are built after the last batch (the catalog was empty).
    var buildsIndexesAtEnd: Bool { get }
    /// Inserts products and their reviews, skipping those that exist; returns how many products were new.
    func insert(_ products: [Product], reviews: [Review]) async throws -> Int
}

/// How far a seeding run is.
public struct SeedProgress: Sendable {
    /// Products generated and written so far.
    public var done: Int
    public var total: Int
    /// Of those, how many were new (the rest existed from an earlier run).
    public var inserted: Int
    /// True once every product is written and the store builds the catalog's indexes.
    public var isIndexing = false
}

/// Fills a store with the generated catalog in batches, reporting progress after each batch.
public struct CatalogSeeder: Sendable {
    let store: any SeedStore
    let generator: CatalogGenerator
    let batchSize: Int?

    /// Creates a seeder.
    /// - Parameter batchSize: products per batch, for memory and progress; by default 1 % of the run, between
    ///   500 and 10,000.
    public init(store: any SeedStore, generator: CatalogGenerator = CatalogGenerator(), batchSize: Int? = nil) {
        self.store = store
        self.generator = generator
        self.batchSize = batchSize
    }

    /// Seeds categories, reviewer accounts and `count` products with their reviews.
    /// - Parameter progress: called after every batch, and once more before indexes are built.
    /// - Returns: the final progress.
    @discardableResult
    public func seed(products count: Int, progress: @Sendable (SeedProgress) -> Void = { _ in }) async throws
        -> SeedProgress
    {
        guard count >= 0 else { throw DomainError.invalid("products", "zero or more, got \(count)") }
        try await store.insertCategories(generator.categories)
        try await store.insertUsers(generator.reviewers)
        let start = SeedProgress(done: 0, total: count, inserted: 0)
        progress(start)
        var state = try await store.loadProducts { writer in
            var state = start
            // The next batch is generated while the current one is written.
            var pending: Task<[CatalogGenerator.Item], Never>? = makeBatch(from: 0, count: count)
            while let batch = await pending?.value {
                let next = state.done + batch.count
                pending = next < count ? makeBatch(from: next, count: count) : nil
                state.inserted += try await writer.insert(batch.map(\.product), reviews: batch.flatMap(\.reviews))
                state.done = next
                progress(state)
            }
            if writer.buildsIndexesAtEnd {
                state.isIndexing = true
                progress(state)
            }
            return state
        }
        try await store.analyze()
        state.isIndexing = false
        return state
    }

    private func makeBatch(from start: Int, count: Int) -> Task<[CatalogGenerator.Item], Never>? {
        guard start < count else { return nil }
        let generator = generator
        let size = batchSize ?? min(max(count / 100, 500), 10_000)
        let end = min(start + size, count)
        return Task { (start..<end).map(generator.item) }
    }
}
