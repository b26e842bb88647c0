import EmporiumCore
import EmporiumSQL
import Foundation

/// Seeds a catalog, times a mix of searches, and measures concurrent checkout throughput on one database.
struct StorageBenchmark {
    struct Settings {
        var products: Int
        var searches: Int
        var checkouts: Int
    }

    struct Result {
        var name: String
        var seedSeconds: Double
        var searchMilliseconds: Percentiles
        var checkoutsPerSecond: Double
        /// The same, with every buyer's cart drawn from a handful of products: buyers queue for the same rows.
        var hotCheckoutsPerSecond: Double

        var markdownRow: String {
            let search = searchMilliseconds
            return "| \(name) | \(format(seedSeconds)) s | \(format(search.p50)) ms | \(format(search.p95)) ms | "
                + "\(format(search.p99)) ms | \(Int(checkoutsPerSecond).formatted()) | "
                + "\(Int(hotCheckoutsPerSecond).formatted()) |"
        }
    }

    let name: String
    let database: any SQLDatabase
    let settings: Settings

    func run() async throws -> Result {
        say("\(name): seeding \(settings.products.formatted()) products …")
        let seedStart = ContinuousClock.now
        try await CatalogSeeder(store: SQLSeedStore(database: database)).seed(
            products: settings.products
        )
        let seedSeconds = (ContinuousClock.now - seedStart) / .seconds(1)
        say("\(name): seeded in \(format(seedSeconds)) s; \(settings.searches) searches …")
        let search = try await searchLatencies()
        say("\(name): search p95 \(format(search.p95)) ms; \(settings.checkouts) checkouts over 1,000 products …")
        let storage = database.storage
        let throughput = try await CheckoutLoad(
            storage: storage,
            count: settings.checkouts,
            sharedProducts: 1_000,
            settle: checkpoint
        ).run()
        say("\(name): \(Int(throughput)) checkouts/s; \(settings.checkouts) checkouts over 10 products …")
        let hot = try await CheckoutLoad(
            storage: storage,
            count: settings.checkouts,
            sharedProducts: 10,
            settle: checkpoint
        ).run()
        say("\(name): \(Int(hot)) checkouts/s over 10 products")
        return Result(
            name: name,
            seedSeconds: seedSeconds,
            searchMilliseconds: search,
            checkoutsPerSecond: throughput,
            hotCheckoutsPerSecond: hot
        )
    }

    /// Writes PostgreSQL's pending log into the table files. Seeding a million products leaves gigabytes of
    /// log behind; without this, the checkpoint they call for lands in the middle of the timed checkouts.
    /// SQLite needs nothing: it checkpoints on the commit that takes its log past 1,000 pages.
    @Sendable private func checkpoint() async throws {
        guard database.dialect == .postgres else { return }
        try await database.execute(SQLStatement("CHECKPOINT", table: "database"))
    }

    /// A deterministic mix: text searches by relevance (with and without filters), category listings by price,
    /// newest and rating listings, each followed half the time by its second page.
    private func searchLatencies() async throws -> Percentiles {
        let categories = try await database.storage.categories.categories()
        var random = SeedRandom(seed: 7)
        var samples: [String: [Double]] = [:]
        let words = [
            "wireless", "headphones", "camera", "kettle", "tent", "laptop", "portable", "acme", "lamp", "novel",
        ]
        for index in 0..<settings.searches {
            let (kind, query): (String, ProductQuery)
            switch index % 5 {
            case 0: (kind, query) = ("text, relevance", try ProductQuery(text: random.pick(words)))
            case 1:
                let text = "\(random.pick(words)) \(random.pick(words))"
                (kind, query) = ("two words, in stock", try ProductQuery(text: text, inStockOnly: true))
            case 2:
                let category = random.pick(categories).id
                (kind, query) = ("category, price", try ProductQuery(categoryID: category, sort: .priceAscending))
            case 3:
                (kind, query) = (
                    "price range, newest", try ProductQuery(minPrice: 1_000, maxPrice: 5_000, sort: .newest)
                )
            default:
                (kind, query) = (
                    "category, rating", try ProductQuery(categoryID: random.pick(categories).id, sort: .rating)
                )
            }
            let (page, elapsed) = try await timed { try await database.storage.products.search(query) }
            samples[kind, default: []].append(elapsed)
            if index % 2 == 0, let cursor = page.nextCursor {
                var next = query
                next.cursor = cursor
                samples[kind + ", page 2", default: []].append(
                    try await timed { try await database.storage.products.search(next) }.1
                )
            }
        }
        for (kind, values) in samples.sorted(by: { $0.key < $1.key }) {
            let percentiles = Percentiles(values)
            say("  \(name) \(kind): p50 \(format(percentiles.p50)) ms, p95 \(format(percentiles.p95)) ms")
        }
        return Percentiles(samples.values.flatMap { $0 })
    }

    private func timed<T>(_ body: () async throws -> T) async throws -> (T, Double) {
        let start = ContinuousClock.now
        let value = try await body()
        return (value, (ContinuousClock.now - start) / .milliseconds(1))
    }
}

/// Latency percentiles of a sample, in the sample's unit.
struct Percentiles {
    var p50: Double
    var p95: Double
    var p99: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func at(_ quantile: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(quantile * Double(sorted.count)))]
        }
        p50 = at(0.50)
        p95 = at(0.95)
        p99 = at(0.99)
    }
}

func format(_ value: Double) -> String {
    value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)
}
