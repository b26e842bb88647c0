import EmporiumCore
import EmporiumHTTP
import EmporiumIntegrations
import EmporiumRedis
import EmporiumSQL
import EmporiumTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Telemetry
import Tracing

/// A whole shop for one test: a fresh database of the backend, the simulated payment gateway, a maildir in a
/// temporary folder, its own telemetry (through task-local factories), driven by Hummingbird's test client.
struct TestShop: Sendable {
    /// The webhook secret the shop checks and tests sign with.
    static let webhookSecret = "whsec_test_secret"

    let client: any TestClientProtocol
    let database: any SQLDatabase
    let telemetry: TelemetryRuntime
    let mailDirectory: URL
    let webhooks: StripeWebhooks
    let faults: Faults

    /// Runs `body` against a new shop.
    /// - Parameters:
    ///   - backend: where the shop stores.
    ///   - mode: `.router` (no sockets) or `.live` (a real server on a free port, with webhooks over HTTP).
    ///   - configure: changes to the default test configuration.
    ///   - accessLog: where to log requests, if anywhere.
    ///   - redis: carts and the catalog cache in this Redis, as `emporium serve --redis` has them.
    ///   - rateLimiter: limits each client's requests to `/api/v1`, as `--rate-limit` does.
    static func run(
        _ backend: Backend = .sqlite,
        mode: ShopMode = .router,
        configure: @Sendable (inout AppConfiguration) -> Void = { _ in },
        accessLog: AccessLog? = nil,
        redis: RedisClient? = nil,
        rateLimiter: (any RequestRateLimiter)? = nil,
        _ body: @escaping @Sendable (TestShop) async throws -> Void
    ) async throws {
        try await TestDatabase.with(backend) { database in
            let mailDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("emporium-mail-\(UUID())")
            defer { try? FileManager.default.removeItem(at: mailDirectory) }
            var configuration = AppConfiguration(port: 0)
            configuration.outboxPollInterval = .seconds(3_600)
            configure(&configuration)
            let telemetry = TelemetryRuntime(
                configuration: .fromEnvironment([:], serviceName: "emporium", serviceVersion: "test"),
                logger: Logger(label: "test")
            )
            let webhooks = StripeWebhooks(secret: webhookSecret)
            let gateway = SimulatedPaymentGateway(
                configuration: .init(settlementDelay: .milliseconds(50)),
                webhooks: webhooks,
                logger: Logger(label: "test")
            )
            let faults = Faults()
            var storage = database.storage
            var catalogCache: any CatalogCache = InMemoryCatalogCache()
            if let redis {
                storage.carts = RedisCartStore(redis: redis)
                catalogCache = RedisCatalogCache(redis: redis, logger: Logger(label: "test"))
            }
            let dependencies = ShopDependencies(
                storage: storage,
                gateway: gateway,
                webhooks: webhooks,
                mailer: MaildirMailer(directory: mailDirectory.path),
                passwordHasher: BcryptPasswordHasher(cost: 4),
                faults: faults,
                catalogCache: catalogCache,
                readiness: [
                    ReadinessCheck(name: "database") {
                        _ = try await database.rows(SQLStatement("SELECT 1 AS ready", table: "health"))
                    }
                ],
                services: [gateway],
                onListening: [
                    { port in gateway.sendWebhooks(to: "http://localhost:\(port)/api/v1/webhooks/payments") }
                ],
                accessLog: accessLog,
                rateLimiter: rateLimiter
            )
            try await withMetricsFactory(telemetry.metrics) {
                try await withTracer(telemetry.tracer!) {
                    let app = buildApplication(
                        configuration: configuration,
                        dependencies: dependencies,
                        telemetry: telemetry,
                        logger: Logger(label: "test")
                    )
                    try await app.test(mode == .live ? .live : .router) { client in
                        try await body(
                            TestShop(
                                client: client,
                                database: database,
                                telemetry: telemetry,
                                mailDirectory: mailDirectory,
                                webhooks: webhooks,
                                faults: faults
                            )
                        )
                    }
                }
            }
        }
    }

    /// The messages delivered to the maildir so far, as text.
    func mails() throws -> [String] {
        let folder = mailDirectory.appendingPathComponent("new")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.sorted().map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Delivers pending outbox events now, as the dispatcher service does in the background, publishing them
    /// to `publisher` too when one is given.
    @discardableResult
    func dispatchOutbox(publishingTo publisher: (any EventPublisher)? = nil) async throws -> OutboxDispatcher.Pass {
        try await OutboxDispatcher(
            storage: database.storage,
            mailer: MaildirMailer(directory: mailDirectory.path),
            publisher: publisher
        )
        .dispatchPending()
    }
}

/// How a test reaches the shop.
enum ShopMode: Sendable {
    /// Requests go straight to the router: no sockets, no webhooks over HTTP.
    case router
    /// A real server on a free port; the simulated gateway posts its webhooks to it.
    case live
}
