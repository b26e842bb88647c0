public import Logging
public import ServiceLifecycle

/// The assembled telemetry of one process: metrics registry, tracer, local trace store and the exporter's
/// batch processor, built from a ``TelemetryConfiguration``.
///
/// `main` bootstraps the global systems with it; tests use its parts through task-local factories instead.
///
/// ```swift
/// let telemetry = TelemetryRuntime(configuration: .fromEnvironment(env, serviceName: "emporium", serviceVersion: v),
///                                  logger: logger)
/// MetricsSystem.bootstrap(telemetry.metrics)
/// if let tracer = telemetry.tracer { InstrumentationSystem.bootstrap(tracer) }
/// app.addServices(telemetry.services)
/// ```
public struct TelemetryRuntime: Sendable {
    public let configuration: TelemetryConfiguration
    public let metrics: MetricsRegistry
    /// `nil` when `OTEL_SDK_DISABLED=true`.
    public let tracer: TelemetryTracer?
    public let traceStore: TraceStore
    /// The batch span processor when exporting; add these to the application's service group.
    public let services: [any Service]

    /// - Parameters:
    ///   - configuration: usually ``TelemetryConfiguration/fromEnvironment(_:serviceName:serviceVersion:)``.
    ///   - metrics: the registry; process metrics are added to it.
    ///   - logger: for export failures.
    public init(configuration: TelemetryConfiguration, metrics: MetricsRegistry = MetricsRegistry(), logger: Logger) {
        self.configuration = configuration
        self.metrics = metrics
        metrics.addCollector(ProcessMetricsCollector())
        let traceStore = TraceStore()
        self.traceStore = traceStore
        var processors: [any SpanProcessor] = [traceStore]
        var services: [any Service] = []
        if configuration.tracingEnabled, let exporterConfiguration = configuration.exporter {
            let exporter = OTLPHTTPExporter(
                configuration: exporterConfiguration,
                resource: configuration.resource,
                metrics: metrics,
                logger: logger
            )
            let batch = BatchSpanProcessor(
                configuration: configuration.batch,
                exporter: exporter,
                metrics: metrics,
                logger: logger
            )
            processors.append(batch)
            services.append(batch)
        }
        self.services = services
        self.tracer =
            configuration.tracingEnabled
            ? TelemetryTracer(
                resource: configuration.resource,
                sampler: configuration.sampler,
                limits: configuration.limits,
                processor: MultiSpanProcessor(processors)
            )
            : nil
    }
}
