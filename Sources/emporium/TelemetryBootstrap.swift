import EmporiumHTTP
import Logging
import Metrics
import Telemetry
import Tracing

/// Bootstraps the process-wide logging, metrics and tracing systems: JSON logs with trace ids, our registry,
/// our tracer. Only `main` does this; tests use task-local factories.
enum TelemetryBootstrap {
    static func bootstrap(settings: ServeSettings, environment: [String: String]) -> (TelemetryRuntime, Logger) {
        LoggingSystem.bootstrap(
            { label, provider in
                var handler = JSONLogHandler(label: label, metadataProvider: provider)
                handler.logLevel = settings.logLevel
                return handler
            },
            metadataProvider: .telemetry
        )
        let logger = Logger(label: "emporium")
        let configuration = TelemetryConfiguration.fromEnvironment(
            environment,
            serviceName: "emporium",
            serviceVersion: settings.app.version
        )
        let telemetry = TelemetryRuntime(configuration: configuration, logger: logger)
        telemetry.metrics.addCollector(BuildInfoCollector(namespace: "emporium", version: settings.app.version))
        MetricsSystem.bootstrap(telemetry.metrics)
        if let tracer = telemetry.tracer {
            InstrumentationSystem.bootstrap(tracer)
        }
        for warning in configuration.warnings {
            logger.warning("telemetry configuration", metadata: ["problem": "\(warning)"])
        }
        return (telemetry, logger)
    }
}
