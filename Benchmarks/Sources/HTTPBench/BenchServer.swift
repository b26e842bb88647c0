import EmporiumCore
import EmporiumHTTP
import EmporiumIntegrations
import EmporiumPostgres
import EmporiumRedis
import EmporiumSQL
import EmporiumSQLite
import Foundation
import Hummingbird
import Logging
import Metrics
import ServiceLifecycle
import Telemetry
import Tracing

/// One server of the benchmark, in its own process so each has the process to itself:
/// - `bare`: Hummingbird answering `GET /api/v1/products/{id}` with fixed bytes, nothing else;
/// - `shop`: Emporium as `emporium serve` runs it: our metrics registry and tracer bootstrapped;
/// - `shop-quiet`: Emporium with telemetry off: no-op metrics, no tracer;
/// - `shop-uncached`: Emporium with no catalog cache, every product page read from the database;
/// - `shop-redis`: Emporium with the catalog cache in Redis (`EMPORIUM_TEST_REDIS_URL`).
struct BenchServer {
    let mode: String
    let port: Int
    let databaseURL: String
    let bodyFile: String?

    init(arguments: [String]) throws {
        guard arguments.count >= 3, let port = Int(arguments[1]) else {
            throw BenchError("usage: HTTPBench serve bare|shop|shop-quiet PORT DATABASE [BODY_FILE]")
        }
        mode = arguments[0]
        self.port = port
        databaseURL = arguments[2]
        bodyFile = arguments.count > 3 ? arguments[3] : nil
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        switch mode {
        case "bare": try await runBare()
        case "shop", "shop-quiet": try await runShop(telemetryOn: mode == "shop")
        case "shop-uncached": try await runShop(telemetryOn: true, cache: UncachedCatalog())
        case "shop-redis":
            guard let url = ProcessInfo.processInfo.environment["EMPORIUM_TEST_REDIS_URL"] else {
                throw BenchError("shop-redis needs EMPORIUM_TEST_REDIS_URL")
            }
            let redis = RedisClient(configuration: try RedisConfiguration(url: url), logger: Logger(label: "bench"))
            try await runShop(telemetryOn: true, cache: RedisCatalogCache(redis: redis, logger: Logger(label: "bench")))
        default: throw BenchError("unknown mode \(mode)")
        }
    }

    private func runBare() async throws {
        let body = try Data(contentsOf: URL(fileURLWithPath: bodyFile ?? "/dev/null"))
        let router = Router()
        router.get("/api/v1/products/{id}") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: body))
            )
        }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
            .runService()
    }

    private func runShop(telemetryOn: Bool, cache: any CatalogCache = InMemoryCatalogCache()) async throws {
        let logger = Logger(label: "bench")
        let environment = telemetryOn ? [:] : ["OTEL_SDK_DISABLED": "true"]
        let telemetry = TelemetryRuntime(
            configuration: .fromEnvironment(environment, serviceName: "emporium", serviceVersion: "bench"),
            logger: logger
        )
        if telemetryOn {
            MetricsSystem.bootstrap(telemetry.metrics)
            InstrumentationSystem.bootstrap(telemetry.tracer!)
        } else {
            MetricsSystem.bootstrap(NOOPMetricsHandler.instance)
        }
        let (database, services): (any SQLDatabase, [any Service])
        if databaseURL.hasPrefix("postgres") {
            let postgres = try PostgreSQLDatabase(url: databaseURL, logger: logger)
            (database, services) = (postgres, [postgres])
        } else {
            let sqlite = try SQLiteDatabase(path: String(databaseURL.dropFirst("sqlite://".count)))
            try sqlite.migrate()
            (database, services) = (sqlite, [])
        }
        let webhooks = StripeWebhooks(secret: "whsec_bench")
        let gateway = SimulatedPaymentGateway(webhooks: webhooks, logger: logger)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emporium-bench-mail-\(port)")
        let dependencies = ShopDependencies(
            storage: database.storage,
            gateway: gateway,
            webhooks: webhooks,
            mailer: MaildirMailer(directory: folder.path),
            catalogCache: cache,
            services: services + [gateway]
        )
        var configuration = AppConfiguration(port: port)
        configuration.accessTokens.secret = Array("the benchmark's shared signing secret".utf8)
        let app = buildApplication(configuration: configuration, dependencies: dependencies, telemetry: telemetry, logger: logger)
        try await app.runService()
    }
}

/// A catalog cache that keeps nothing: the baseline of the cache ratios.
struct UncachedCatalog: CatalogCache {
    func lookup(_ key: CatalogCacheKey) async -> CatalogCacheLookup { CatalogCacheLookup(value: nil, generation: 0) }
    func store(_ value: [UInt8], for key: CatalogCacheKey, generation: UInt64) async {}
    func invalidate(_ keys: [CatalogCacheKey]) async {}
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
