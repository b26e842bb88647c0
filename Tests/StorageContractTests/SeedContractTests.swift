import EmporiumCore
import EmporiumSQL
import EmporiumTesting
import Foundation
import Synchronization
import Testing

@Suite("Contract: seeding")
struct SeedContractTests {
    @Test(
        "seeding is deterministic and idempotent, with a category tree, reviews and ratings",
        arguments: Backend.available
    )
    func idempotentSeed(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let seeder = CatalogSeeder(store: SQLSeedStore(database: database), batchSize: 64)
            let reports = Mutex<[String]>([])
            let first = try await seeder.seed(products: 300) { progress in
                reports.withLock { $0.append(progress.isIndexing ? "indexing" : String(progress.done)) }
            }
            #expect(first.inserted == 300)
            #expect(reports.withLock { $0 } == ["0", "64", "128", "192", "256", "300", "indexing"])
            let indexes = try await database.rows(
                SQLStatement(
                    backend == .sqlite
                        ? "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')"
                        : "SELECT indexname AS name FROM pg_indexes",
                    table: "indexes"
                )
            ).map { try $0.string("name") }
            let expected = SQLSchemaIndexes.catalog.map { String($0.split(separator: " ")[2]) }
            let fullText = backend == .sqlite ? "products_fts_insert" : "products_search"
            #expect(Set(expected + [fullText]).isSubset(of: Set(indexes)), "the bulk load rebuilt what it dropped")
            let second = try await seeder.seed(products: 400)
            #expect(second.inserted == 100, "only the 100 products beyond the first run are new")
            let storage = database.storage
            let generator = CatalogGenerator()
            let product = try #require(try await storage.products.product(id: generator.item(41).product.id))
            #expect(product.sku == "EMP-0000042")
            #expect(product == generator.item(41).product)
            let categories = try await storage.categories.categories()
            #expect(categories.count == generator.categories.count)
            let rated = try await storage.products.search(ProductQuery(sort: .rating, limit: 1)).items.first
            let reviews = try await storage.reviews.reviews(of: try #require(rated).id, limit: 10)
            #expect(!reviews.isEmpty && rated?.rating.count == reviews.count)
            let found = try await storage.products.search(ProductQuery(text: product.name))
            #expect(found.items.first?.id == product.id, "a product is found by its own name")
            let added = try await Fixtures(database).product("Zanzibar Kite", description: "Flies in light winds.")
            let kites = try await storage.products.search(ProductQuery(text: "zanzibar"))
            #expect(kites.items.map(\.id) == [added.id], "products added after a bulk load are indexed as before")
        }
    }
}

@Suite("Contract: bulk inserts")
struct BulkInsertContractTests {
    @Test(
        "an insert of more rows than one statement may bind is split, and existing rows are skipped",
        arguments: Backend.available
    )
    func largeInsert(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let columns = "id, email, name, role, password_hash, created_at"
            let rows: [[SQLValue]] = (0..<6_000).map { index in
                [
                    .uuid(UUID()), .text("bulk-\(index)@example.com"), .text("Bulk"), .text("customer"), .text("!"),
                    .date(Fixtures.now),
                ]
            }
            // 6,000 rows × 6 columns = 36,000 parameters, more than SQLite's 32,766 per statement.
            let inserted = try await database.insert(
                into: "users",
                columns: columns,
                rows: rows,
                skippingExisting: true
            )
            #expect(inserted == 6_000)
            // The same emails again: every row breaks the unique constraint and is skipped.
            let again = rows.map { [SQLValue.uuid(UUID())] + $0.dropFirst() }
            let skipped = try await database.insert(
                into: "users",
                columns: columns,
                rows: again,
                skippingExisting: true
            )
            #expect(skipped == 0)
        }
    }
}
