/// Everything the telemetry runtime needs, read from the standard OpenTelemetry SDK variables.
///
/// | variable | effect |
/// | --- | --- |
/// | `OTEL_SDK_DISABLED=true` | no spans are recorded or exported (metrics stay on) |
/// | `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES` | the exported resource |
/// | `OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG` | `always_on`, `always_off`, `traceidratio`, `parentbased_*` |
/// | `OTEL_TRACES_EXPORTER` | `otlp` or `none`; export is on when an OTLP endpoint is set |
/// | `OTEL_EXPORTER_OTLP_ENDPOINT` | base URL; `/v1/traces` is appended |
/// | `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` | the full traces URL, used as is |
/// | `OTEL_EXPORTER_OTLP_[TRACES_]HEADERS`, `_COMPRESSION`, `_TIMEOUT` | headers, `gzip`, milliseconds |
/// | `OTEL_BSP_MAX_QUEUE_SIZE`, `_MAX_EXPORT_BATCH_SIZE`, `_SCHEDULE_DELAY`, `_EXPORT_TIMEOUT` | batching (ms) |
/// | `OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT`, `OTEL_SPAN_EVENT_COUNT_LIMIT`, `OTEL_SPAN_LINK_COUNT_LIMIT`, … | span limits |
public struct TelemetryConfiguration: Sendable {
    public var resource: Resource
    public var tracingEnabled: Bool
    public var sampler: any Sampler
    public var limits: SpanLimits
    public var batch: BatchSpanProcessor.Configuration
    /// `nil` when spans are not exported (they still reach `/debug/traces`).
    public var exporter: OTLPHTTPExporter.Configuration?
    /// Problems found in the variables; each fell back to its default. Log them at start-up.
    public var warnings: [String]

    /// Reads the configuration from `environment`.
    ///
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - serviceName: the `service.name` unless `OTEL_SERVICE_NAME` says otherwise.
    ///   - serviceVersion: the running build's version.
    public static func fromEnvironment(
        _ environment: [String: String],
        serviceName: String,
        serviceVersion: String
    ) -> TelemetryConfiguration {
        var reader = EnvironmentReader(environment: environment)
        let resource = Resource.detect(
            serviceName: serviceName,
            serviceVersion: serviceVersion,
            environment: environment
        )
        var configuration = TelemetryConfiguration(
            resource: resource,
            tracingEnabled: reader.bool("OTEL_SDK_DISABLED") != true,
            sampler: reader.sampler(),
            limits: reader.spanLimits(),
            batch: reader.batchConfiguration(),
            exporter: reader.exporterConfiguration(),
            warnings: []
        )
        configuration.warnings = reader.warnings
        return configuration
    }
}
