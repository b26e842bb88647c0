import ArgumentParser
import EmporiumCore
import EmporiumSQL
import Logging

/// `emporium seed --products N [--shoppers N]`: fills the catalog with a deterministic, realistic demo catalog,
/// and adds the load-test shoppers when asked.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Seed categories, products and reviews (idempotent: seeding twice adds nothing)."
    )

    @Option(help: "How many products the catalog should have.")
    var products: Int = 1_000

    @Option(
        help:
            "How many load-test shoppers (shopper-0001@emporium.demo …) to add, all with the public password demo-shopper-password: for staging, never production."
    )
    var shoppers: Int = 0

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard products >= 0 else { throw ValidationError("--products \(products): expected zero or more") }
        try DemoShoppers.validate(count: shoppers)
    }

    func run() async throws {
        let (count, shopperCount) = (products, shoppers)
        try await database.withDatabase(logger: Logger(label: "emporium.seed")) { database in
            try await Self.seedCatalog(products: count, into: database)
            let created = try await DemoShoppers.create(count: shopperCount, in: database.storage.users)
            if shopperCount > 0 {
                Console.write("Added \(created) load-test shoppers (\(shopperCount - created) were already there).")
            }
        }
    }

    /// Seeds the catalog with a progress bar on standard error and a summary line.
    static func seedCatalog(products count: Int, into database: any SQLDatabase) async throws {
        let reporter = ProgressReporter(label: "products")
        let seeder = CatalogSeeder(store: SQLSeedStore(database: database))
        let summary = try await seeder.seed(products: count) { progress in
            if progress.isIndexing {
                reporter.announce("Building the catalog's indexes …")
            } else {
                reporter.update(done: progress.done, total: progress.total)
            }
        }
        reporter.finish()
        let existing = summary.done - summary.inserted
        Console.write("Seeded \(summary.inserted) new products (\(existing) were already there).")
    }
}
