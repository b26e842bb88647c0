// swift-tools-version:6.1
import Foundation
import PackageDescription

// The main package is a path dependency; SwiftPM names it after its folder, which differs per clone.
let emporiumIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "EmporiumBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .executableTarget(
            name: "TelemetryBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Telemetry", package: emporiumIdentity),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Benchmarks/TelemetryBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Storage figures of issue 3: seeding, search latency and checkout throughput on SQLite and PostgreSQL.
        .executableTarget(
            name: "StorageBench",
            dependencies: [
                .product(name: "EmporiumCore", package: emporiumIdentity),
                .product(name: "EmporiumPostgres", package: emporiumIdentity),
                .product(name: "EmporiumSQL", package: emporiumIdentity),
                .product(name: "EmporiumSQLite", package: emporiumIdentity),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // HTTP figures of issue 4 with wrk: the product page against a bare route, telemetry on against off,
        // checkouts per second on SQLite and PostgreSQL; and of issue 5: emporium-load beside wrk, and its memory
        // for 10,000 virtual users.
        .executableTarget(
            name: "HTTPBench",
            dependencies: [
                .product(name: "EmporiumCore", package: emporiumIdentity),
                .product(name: "EmporiumHTTP", package: emporiumIdentity),
                .product(name: "EmporiumIntegrations", package: emporiumIdentity),
                .product(name: "EmporiumPostgres", package: emporiumIdentity),
                .product(name: "EmporiumRedis", package: emporiumIdentity),
                .product(name: "EmporiumSQL", package: emporiumIdentity),
                .product(name: "EmporiumSQLite", package: emporiumIdentity),
                .product(name: "LoadKit", package: emporiumIdentity),
                .product(name: "Telemetry", package: emporiumIdentity),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // Redis figures of issue 6: the adapter's GET rate beside redis-benchmark's, pipelining off.
        .executableTarget(
            name: "RedisBench",
            dependencies: [
                .product(name: "EmporiumRedis", package: emporiumIdentity),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
