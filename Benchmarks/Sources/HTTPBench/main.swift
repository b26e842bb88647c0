import Foundation

// Usage:
//   HTTPBench [SECONDS] [ROUNDS]              measure (make bench): starts the servers below as child processes
//   HTTPBench load-generator EMPORIUM_LOAD [SECONDS] [ROUNDS]   emporium-load beside wrk, and 10,000 of its VUs
//   HTTPBench serve MODE PORT DATABASE [BODY_FILE]   one server: bare | shop | shop-quiet
// Measures with wrk, each figure a ratio of two servers measured in the same run, alternating round by round:
//   GET /api/v1/products/{id} on the shop against a bare Hummingbird route answering the same bytes (goal ≥ 0.7),
//   the shop with telemetry on against the shop with telemetry off (goal ≥ 0.95),
//   then checkouts per second (add to cart, check out; one buyer per connection) on SQLite and, when
//   EMPORIUM_TEST_POSTGRES_URL is set (make bench), PostgreSQL.
// The load-generator figures are emporium-load's maximum rate against wrk's on the bare route (goal ≥ 0.8), and
// its resident memory holding 10,000 virtual users (goal ≤ 1 GiB).
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "serve" {
    try await BenchServer(arguments: Array(arguments.dropFirst())).run()
} else if arguments.first == "load-generator", arguments.count >= 2 {
    let numbers = arguments.dropFirst(2).compactMap(Int.init)
    try await LoadGeneratorBenchmark(
        generator: arguments[1],
        seconds: numbers.first ?? 10,
        rounds: numbers.dropFirst().first ?? 5
    ).run()
} else {
    let numbers = arguments.compactMap(Int.init)
    try await HTTPBenchmark(
        seconds: numbers.first ?? 10,
        rounds: numbers.dropFirst().first ?? 5,
        postgresURL: ProcessInfo.processInfo.environment["EMPORIUM_TEST_POSTGRES_URL"]
    ).run()
}

/// Prints a line at once (standard output is block-buffered when piped, and a long run should show progress).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
