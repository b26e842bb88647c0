import EmporiumCore
public import Hummingbird
public import Logging
public import Telemetry

/// Builds the Emporium HTTP application; `main` runs it, tests drive it with `app.test(.router)`.
///
/// The shop lives under `/api/v1` (the services in ``AppConfiguration/services``), beside `/health/*`,
/// `/metrics`, `/openapi.json` and `/debug/traces`. Every request is measured (Hummingbird's
/// `MetricsMiddleware` into the metrics factory in effect); all but `/metrics`, `/openapi.json` and
/// `/debug/traces` are traced: the incoming `traceparent` is continued, the server span is named after the
/// route template, its duration lands in the latency histogram with the trace as exemplar, and the response
/// carries `traceresponse`.
///
/// Beside the server run the adapters' services, the telemetry exporter, the mail queue, the outbox
/// dispatcher and the reservation sweeper. SIGTERM stops them in reverse order: the server finishes its
/// requests first, the exporter flushes after the last span, the database closes last.
///
/// ```swift
/// let app = buildApplication(configuration: AppConfiguration(port: 8080), dependencies: dependencies,
///                            telemetry: telemetry, logger: logger)
/// try await app.runService()
/// ```
///
/// - Parameters:
///   - configuration: address, services, tokens, policies.
///   - dependencies: the adapters `main` chose.
///   - telemetry: the registry served at `/metrics` and the trace store behind `/debug/traces`.
///   - logger: the application's logger.
public func buildApplication(
    configuration: AppConfiguration,
    dependencies: ShopDependencies,
    telemetry: TelemetryRuntime,
    logger: Logger
) -> some ApplicationProtocol {
    let queuedMailer = QueueingMailer(sending: dependencies.mailer, logger: logger)
    let shop = Shop(configuration: configuration, dependencies: dependencies, queuedMailer: queuedMailer)
    let shopMetrics = ShopMetricsCollector(faults: dependencies.faults)
    telemetry.metrics.addCollector(shopMetrics)
    ShopCounters.startAtZero()

    let router = buildRouter(
        configuration: configuration,
        shop: shop,
        telemetry: telemetry,
        readiness: dependencies.readiness,
        accessLog: dependencies.accessLog,
        rateLimiter: dependencies.rateLimiter
    )

    let listeners = dependencies.onListening
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "emporium"),
        onServerRunning: { channel in
            guard let port = channel.localAddress?.port else { return }
            for listener in listeners { await listener(port) }
        },
        logger: logger
    )
    app.addServices(dependencies.services)
    app.addServices(telemetry.services)
    app.addServices(queuedMailer)
    app.addServices(
        backgroundWork(configuration, dependencies: dependencies, shop: shop, metrics: shopMetrics, logger: logger)
    )
    for step in dependencies.startup { app.beforeServerStarts(perform: step) }
    return app
}

/// The router of every route: operational ones, then the shop's under `/api/v1`.
func buildRouter(
    configuration: AppConfiguration,
    shop: Shop,
    telemetry: TelemetryRuntime,
    readiness: [ReadinessCheck],
    accessLog: AccessLog? = nil,
    rateLimiter: (any RequestRateLimiter)? = nil
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SelectiveTracingMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: AppRequestContext.maximumBodySize))
    TelemetryController(metrics: telemetry.metrics, traceStore: telemetry.traceStore).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)

    let traced = router.group().add(middleware: TraceResponseMiddleware())
    if let accessLog { traced.add(middleware: AccessLogMiddleware(log: accessLog)) }
    traced
        .add(middleware: LogRequestsMiddleware(.debug))
        .add(middleware: JSONErrorMiddleware())
    HealthController(checks: readiness).addRoutes(to: traced)
    let api = traced.group("api/v1")
    if let rateLimiter { api.add(middleware: RateLimitMiddleware(limiter: rateLimiter)) }
    api.add(middleware: AuthenticationMiddleware(tokens: shop.tokens, auth: shop.auth))
    addShopRoutes(configuration, shop: shop, to: api)
    return router
}

private func addShopRoutes(_ configuration: AppConfiguration, shop: Shop, to api: RouterGroup<AppRequestContext>) {
    let currency = configuration.pricing.shipping.currency
    let services = configuration.services
    if services.contains(.auth) { AuthController(shop: shop).addRoutes(to: api) }
    if services.contains(.catalog) {
        ProductController(shop: shop, currency: currency).addRoutes(to: api)
        CategoryController(shop: shop).addRoutes(to: api)
    }
    if services.contains(.cart) { CartController(shop: shop, currency: currency).addRoutes(to: api) }
    if services.contains(.orders) { OrderController(shop: shop).addRoutes(to: api) }
    if services.contains(.payments) { PaymentController(shop: shop).addRoutes(to: api) }
    if services.contains(.notifications) { NotificationController(shop: shop).addRoutes(to: api) }
    if services.contains(.admin) { AdminController(shop: shop).addRoutes(to: api) }
}

/// The readiness monitor, the outbox dispatcher (with the notifications service) and the reservation sweeper
/// (with orders).
private func backgroundWork(
    _ configuration: AppConfiguration,
    dependencies: ShopDependencies,
    shop: Shop,
    metrics: ShopMetricsCollector,
    logger: Logger
) -> [PeriodicService] {
    var work: [PeriodicService] = []
    let probe = ReadinessProbe(checks: dependencies.readiness)
    if !probe.checks.isEmpty {
        work.append(
            PeriodicService(name: "readiness monitor", logger: logger) {
                metrics.observe(await probe.results(), of: probe.checks)
                return configuration.readinessInterval
            }
        )
    }
    if configuration.services.contains(.notifications) {
        let dispatcher = OutboxDispatcher(
            storage: shop.storage,
            mailer: dependencies.mailer,
            publisher: dependencies.eventPublisher
        )
        let idle = configuration.outboxPollInterval
        work.append(
            PeriodicService(name: "outbox dispatcher", logger: logger) {
                let pass = try await dispatcher.dispatchPending()
                metrics.observe(pass.backlog)
                if pass.failed > 0 { throw OutboxDeliveryFailed(count: pass.failed) }
                return pass.backlog.pending > 0 && pass.delivered > 0 ? .zero : idle
            }
        )
    }
    if configuration.services.contains(.orders) {
        let sweeper = ReservationSweeper(
            storage: shop.storage,
            gateway: dependencies.gateway,
            timeout: configuration.reservationTimeout
        )
        work.append(
            PeriodicService(name: "reservation sweeper", logger: logger) {
                try await sweeper.sweep()
                return .seconds(30)
            }
        )
    }
    return work
}

/// Some outbox events could not be delivered this pass; they stay pending and the dispatcher backs off.
struct OutboxDeliveryFailed: Error, CustomStringConvertible {
    let count: Int
    var description: String { "\(count) outbox events could not be delivered" }
}
