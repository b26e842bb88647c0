import EmporiumCore
import EmporiumPostgres
import EmporiumSQL
import EmporiumSQLite
import Foundation
import Logging

// Usage: StorageBench [PRODUCTS] [SEARCHES] [CHECKOUTS]   (PostgreSQL: set EMPORIUM_BENCH_POSTGRES=0 to skip;
// PRODUCTS 0 measures the catalog a previous run left in the database emporium_bench)
// Measures, per database: seeding PRODUCTS products, SEARCHES catalog searches (latency percentiles) and
// CHECKOUTS checkouts by 32 concurrent buyers, twice (throughput): carts drawn from 1,000 products, then from 10.
// PostgreSQL runs when EMPORIUM_TEST_POSTGRES_URL is set (`make bench` starts a server and sets it).
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
let settings = StorageBenchmark.Settings(
    products: arguments.first ?? 1_000_000,
    searches: arguments.dropFirst().first ?? 2_000,
    checkouts: arguments.dropFirst(2).first ?? 10_000
)
var results: [StorageBenchmark.Result] = []

// EMPORIUM_BENCH_SQLITE=PATH keeps the SQLite file between runs (run again with PRODUCTS 0 to reuse its catalog);
// EMPORIUM_BENCH_SQLITE=0 skips SQLite.
let keptFile = ProcessInfo.processInfo.environment["EMPORIUM_BENCH_SQLITE"].flatMap { $0 == "0" ? nil : $0 }
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emporium-bench-\(UUID())")
defer { try? FileManager.default.removeItem(at: folder) }
let sqlite = try SQLiteDatabase(path: keptFile ?? folder.appendingPathComponent("bench.sqlite").path)
try sqlite.migrate()
if ProcessInfo.processInfo.environment["EMPORIUM_BENCH_SQLITE"] != "0" {
    results.append(try await StorageBenchmark(name: "SQLite", database: sqlite, settings: settings).run())
}

if let url = ProcessInfo.processInfo.environment["EMPORIUM_TEST_POSTGRES_URL"],
    ProcessInfo.processInfo.environment["EMPORIUM_BENCH_POSTGRES"] != "0"
{
    let logger = Logger(label: "bench")
    let admin = try PostgreSQLDatabase(url: url, logger: logger)
    let benchURL = String(url[..<(url.lastIndex(of: "/") ?? url.endIndex)]) + "/emporium_bench"
    let postgres = try PostgreSQLDatabase(url: benchURL, logger: logger)
    let result = try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await admin.run() }
        // With PRODUCTS 0 the catalog of the previous run is measured again.
        if settings.products > 0 {
            try await admin.execute(
                SQLStatement("DROP DATABASE IF EXISTS emporium_bench", operation: "DROP", table: "database")
            )
            try await admin.execute(
                SQLStatement("CREATE DATABASE emporium_bench", operation: "CREATE", table: "database")
            )
        }
        group.addTask { try await postgres.run() }
        defer { group.cancelAll() }
        try await postgres.migrate()
        return try await StorageBenchmark(name: "PostgreSQL", database: postgres, settings: settings).run()
    }
    results.append(result)
} else {
    say("PostgreSQL: skipped (set EMPORIUM_TEST_POSTGRES_URL, as `make bench` does)")
}

say("")
say(
    "| database | seed \(settings.products.formatted()) products | search p50 | search p95 | search p99 | checkouts/s "
        + "| checkouts/s, 10 hot products |"
)
say("| --- | --- | --- | --- | --- | --- | --- |")
for result in results { say(result.markdownRow) }

/// Prints a line at once (standard output is block-buffered when piped, and a long run should show progress).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
