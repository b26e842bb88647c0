public import Hummingbird
public import Logging
public import Telemetry

/// Builds the Emporium HTTP application; `main` runs it, tests drive it with `app.test(.router)`.
///
/// Every request is measured (Hummingbird's `MetricsMiddleware` into the metrics factory in effect).
/// Requests other than `/metrics` and `/debug/traces` are traced: the incoming `traceparent` is continued, the
/// server span is named after the route template, and the response carries `traceresponse`.
///
/// ```swift
/// let app = buildApplication(configuration: AppConfiguration(port: 8080), telemetry: telemetry, logger: logger)
/// try await app.runService()
/// ```
///
/// - Parameters:
///   - configuration: address and version.
///   - telemetry: the registry served at `/metrics` and the trace store behind `/debug/traces`.
///   - logger: the application's logger.
public func buildApplication(
    configuration: AppConfiguration,
    telemetry: TelemetryRuntime,
    logger: Logger
) -> some ApplicationProtocol {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: JSONErrorMiddleware())
    TelemetryController(metrics: telemetry.metrics, traceStore: telemetry.traceStore).addRoutes(to: router)

    let traced = router.group()
        .add(middleware: TracingMiddleware())
        .add(middleware: TraceResponseMiddleware())
        .add(middleware: LogRequestsMiddleware(.debug))
        .add(middleware: JSONErrorMiddleware())
    HealthController().addRoutes(to: traced)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "emporium"),
        logger: logger
    )
    app.addServices(telemetry.services)
    return app
}
