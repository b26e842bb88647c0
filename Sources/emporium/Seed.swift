import ArgumentParser
import EmporiumCore
import EmporiumSQL
import Logging

/// `emporium seed --products N`: fills the catalog with a deterministic, realistic demo catalog.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Seed categories, products and reviews (idempotent: seeding twice adds nothing)."
    )

    @Option(help: "How many products the catalog should have.")
    var products: Int = 1_000

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard products >= 0 else { throw ValidationError("--products \(products): expected zero or more") }
    }

    func run() async throws {
        let logger = Logger(label: "emporium.seed")
        let count = products
        let summary = try await database.withDatabase(logger: logger) { database in
            let reporter = ProgressReporter(label: "products")
            let seeder = CatalogSeeder(store: SQLSeedStore(database: database))
            let result = try await seeder.seed(products: count) { progress in
                if progress.isIndexing {
                    reporter.announce("Building the catalog's indexes …")
                } else {
                    reporter.update(done: progress.done, total: progress.total)
                }
            }
            reporter.finish()
            return result
        }
        let existing = summary.done - summary.inserted
        print("Seeded \(summary.inserted) new products (\(existing) were already there).")
    }
}
