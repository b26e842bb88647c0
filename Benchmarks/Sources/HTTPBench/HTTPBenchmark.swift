import EmporiumCore
import EmporiumHTTP
import EmporiumPostgres
import EmporiumSQL
import EmporiumSQLite
import Foundation
import Logging

/// The HTTP figures of `make bench`: ratios of servers measured in one run, then checkout throughput.
struct HTTPBenchmark {
    /// Products in the benchmark catalog, and how many of them carts draw from.
    static let catalogSize = 10_000
    static let checkoutProducts = 1_000
    static let buyers = 32

    let seconds: Int
    let rounds: Int
    let postgresURL: String?

    func run() async throws {
        _ = try Wrk.capture("sh", ["-c", "command -v wrk || { echo 'wrk is missing: apt-get install wrk'; exit 1; }"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emporium-http-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sqlitePath = folder.appendingPathComponent("shop.sqlite").path
        let sqlite = try SQLiteDatabase(path: sqlitePath)
        try sqlite.migrate()
        say("Seeding \(Self.catalogSize.formatted()) products into SQLite …")
        let fixture = try await BenchFixture.prepare(sqlite, folder: folder)

        let ratios = try await productPageRatios(database: "sqlite://\(sqlitePath)", fixture: fixture, folder: folder)
        let caching = try await cacheRatios(database: "sqlite://\(sqlitePath)", fixture: fixture)
        var checkouts = [("SQLite", try await checkoutRate(database: "sqlite://\(sqlitePath)", fixture: fixture, folder: folder))]
        if let postgresURL {
            checkouts.append(("PostgreSQL", try await postgresCheckoutRate(postgresURL, folder: folder)))
        } else {
            say("PostgreSQL: skipped (set EMPORIUM_TEST_POSTGRES_URL, as `make bench` does)")
        }
        say("")
        say(ratios)
        say("")
        say(caching)
        say("")
        say("| database | checkouts/s (median of \(rounds) runs of \(seconds) s, \(Self.buyers) buyers, \(Self.checkoutProducts.formatted()) products) | not 201 |")
        say("| --- | --- | --- |")
        for (name, rate) in checkouts { say("| \(name) | \(Int(rate.median).formatted()) | \(rate.failures) |") }
    }

    /// `GET /api/v1/products/{id}` on three servers, each round in another order; medians and ratios.
    private func productPageRatios(database: String, fixture: BenchFixture, folder: URL) async throws -> String {
        let path = "/api/v1/products/\(fixture.products[0])"
        let shop = try await ServerProcess(mode: "shop", database: database)
        defer { shop.stop() }
        let quiet = try await ServerProcess(mode: "shop-quiet", database: database)
        defer { quiet.stop() }
        let body = folder.appendingPathComponent("product.json")
        try await shop.get(path).write(to: body)
        let bare = try await ServerProcess(mode: "bare", database: database, body: body.path)
        defer { bare.stop() }
        let servers = [bare, shop, quiet]
        var rates: [String: [Double]] = [:]
        var latencies: [String: [Double]] = [:]
        let wrk = Wrk(threads: 2, connections: 32, seconds: seconds)
        for server in servers { _ = try Wrk(threads: 2, connections: 32, seconds: 2).run(server.base + path) }
        for round in 0..<rounds {
            for offset in 0..<servers.count {
                let server = servers[(round + offset) % servers.count]
                let result = try wrk.run(server.base + path)
                rates[server.mode, default: []].append(result.requestsPerSecond)
                latencies[server.mode, default: []].append(result.p99)
                say("round \(round + 1): \(server.mode) \(Int(result.requestsPerSecond).formatted()) requests/s, p99 \(format(result.p99)) ms")
            }
        }
        let median = { (mode: String) in Self.median(rates[mode] ?? []) }
        let pageRatio = Self.median(zip(rates["shop"] ?? [], rates["bare"] ?? []).map { $0 / $1 })
        let telemetryRatio = Self.median(zip(rates["shop"] ?? [], rates["shop-quiet"] ?? []).map { $0 / $1 })
        return """
            | GET /api/v1/products/{id}, wrk -t2 -c32, \(rounds) × \(seconds) s | requests/s (median) | p99 ms (median) |
            | --- | --- | --- |
            | bare Hummingbird route, same bytes | \(Int(median("bare")).formatted()) | \(format(Self.median(latencies["bare"] ?? []))) |
            | shop, telemetry on | \(Int(median("shop")).formatted()) | \(format(Self.median(latencies["shop"] ?? []))) |
            | shop, telemetry off | \(Int(median("shop-quiet")).formatted()) | \(format(Self.median(latencies["shop-quiet"] ?? []))) |

            shop ÷ bare route: \(format(pageRatio)) (goal ≥ 0.7) · telemetry on ÷ off: \(format(telemetryRatio)) (goal ≥ 0.95); each the median of the per-round ratios
            """
    }

    /// The product page with the catalog cache in this process, in Redis (when `make bench` gives one) and
    /// without a cache, each round in another order; medians and ratios against the uncached page.
    private func cacheRatios(database: String, fixture: BenchFixture) async throws -> String {
        let path = "/api/v1/products/\(fixture.products[0])"
        var modes = ["shop", "shop-uncached"]
        if ProcessInfo.processInfo.environment["EMPORIUM_TEST_REDIS_URL"] != nil { modes.append("shop-redis") }
        var servers: [ServerProcess] = []
        defer { for server in servers { server.stop() } }
        for mode in modes { servers.append(try await ServerProcess(mode: mode, database: database)) }
        let wrk = Wrk(threads: 2, connections: 32, seconds: seconds)
        for server in servers { _ = try Wrk(threads: 2, connections: 32, seconds: 2).run(server.base + path) }
        var rates: [String: [Double]] = [:]
        for round in 0..<rounds {
            for offset in 0..<servers.count {
                let server = servers[(round + offset) % servers.count]
                let result = try wrk.run(server.base + path)
                rates[server.mode, default: []].append(result.requestsPerSecond)
                say("round \(round + 1): \(server.mode) \(Int(result.requestsPerSecond).formatted()) requests/s")
            }
        }
        let uncached = rates["shop-uncached"] ?? []
        let ratio = { (mode: String) in Self.median(zip(rates[mode] ?? [], uncached).map { $0 / $1 }) }
        var table = """
            | GET /api/v1/products/{id}, wrk -t2 -c32, \(rounds) × \(seconds) s | requests/s (median) | ÷ uncached |
            | --- | --- | --- |
            | no catalog cache (every page from SQLite) | \(Int(Self.median(uncached)).formatted()) | 1 |
            | catalog cache in the process | \(Int(Self.median(rates["shop"] ?? [])).formatted()) | \(format(ratio("shop"))) |
            """
        if let redis = rates["shop-redis"] {
            table += "\n| catalog cache in Redis | \(Int(Self.median(redis)).formatted()) | \(format(ratio("shop-redis"))) |"
        }
        return table
    }

    struct Rate {
        var median: Double
        var failures: Int
    }

    /// Checkouts per second: one buyer per connection adds a product and checks out, over and over.
    private func checkoutRate(database: String, fixture: BenchFixture, folder: URL) async throws -> Rate {
        let shop = try await ServerProcess(mode: "shop", database: database)
        defer { shop.stop() }
        let tokens = try await fixture.signIn(at: shop)
        let script = folder.appendingPathComponent("checkout.lua")
        try CheckoutScript.lua.write(to: script, atomically: true, encoding: .utf8)
        let tokenFile = folder.appendingPathComponent("tokens.txt")
        try tokens.joined(separator: "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
        let productFile = folder.appendingPathComponent("products.txt")
        try fixture.products.prefix(Self.checkoutProducts).joined(separator: "\n").write(to: productFile, atomically: true, encoding: .utf8)
        let arguments = { [tokenFile.path, productFile.path, UUID().uuidString] }
        _ = try Wrk(threads: Self.buyers, connections: Self.buyers, seconds: 2)
            .run(shop.base, script: script.path, scriptArguments: arguments())
        var rates: [Double] = []
        var failures = 0
        for round in 0..<rounds {
            let result = try Wrk(threads: Self.buyers, connections: Self.buyers, seconds: seconds)
                .run(shop.base, script: script.path, scriptArguments: arguments())
            let figures = result.scriptLines.first?.split(separator: " ").compactMap { Double($0) } ?? []
            if let statuses = result.failedStatuses { say("  answers other than 200/201: \(statuses)") }
            guard figures.count == 3, figures[2] > 0 else { throw BenchError("the checkout script printed no summary") }
            rates.append(figures[0] / figures[2])
            failures += Int(figures[1])
            let backlog = try await shop.outboxBacklog()
            say(
                "checkouts (\(database.prefix(8))…) round \(round + 1): \(Int(figures[0] / figures[2]).formatted())/s, "
                    + "\(Int(figures[1])) not 201, outbox backlog \(backlog)"
            )
        }
        return Rate(median: Self.median(rates), failures: failures)
    }

    private func postgresCheckoutRate(_ url: String, folder: URL) async throws -> Rate {
        let logger = Logger(label: "bench")
        let admin = try PostgreSQLDatabase(url: url, logger: logger)
        let benchURL = String(url[..<(url.lastIndex(of: "/") ?? url.endIndex)]) + "/emporium_http_bench"
        let postgres = try PostgreSQLDatabase(url: benchURL, logger: logger)
        let fixture = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await admin.run() }
            try await admin.execute(SQLStatement("DROP DATABASE IF EXISTS emporium_http_bench", operation: "DROP", table: "database"))
            try await admin.execute(SQLStatement("CREATE DATABASE emporium_http_bench", operation: "CREATE", table: "database"))
            group.addTask { try await postgres.run() }
            defer { group.cancelAll() }
            try await postgres.migrate()
            say("Seeding \(Self.catalogSize.formatted()) products into PostgreSQL …")
            return try await BenchFixture.prepare(postgres, folder: folder)
        }
        return try await checkoutRate(database: benchURL, fixture: fixture, folder: folder)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count.isMultiple(of: 2) ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
    }
}

func format(_ value: Double) -> String {
    String(format: value < 10 ? "%.2f" : "%.1f", value)
}
