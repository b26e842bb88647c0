import ArgumentParser
import EmporiumHTTP
import Foundation
import Hummingbird
import Logging
import Metrics
import Telemetry
import Tracing

/// `emporium serve`: bootstraps logging, metrics and tracing, then runs the HTTP application until SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the shop's HTTP API.")

    @Option(help: "Address to listen on [env: EMPORIUM_HOST] (default: 127.0.0.1)")
    var host: String?

    @Option(help: "Port to listen on [env: EMPORIUM_PORT] (default: 8080)")
    var port: Int?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try ServeSettings(host: host, port: port, environment: environment)
        LoggingSystem.bootstrap(
            { label, provider in
                var handler = JSONLogHandler(label: label, metadataProvider: provider)
                handler.logLevel = settings.logLevel
                return handler
            },
            metadataProvider: .telemetry
        )
        let logger = Logger(label: "emporium")
        let telemetryConfiguration = TelemetryConfiguration.fromEnvironment(
            environment,
            serviceName: "emporium",
            serviceVersion: settings.app.version
        )
        let telemetry = TelemetryRuntime(configuration: telemetryConfiguration, logger: logger)
        telemetry.metrics.addCollector(BuildInfoCollector(namespace: "emporium", version: settings.app.version))
        MetricsSystem.bootstrap(telemetry.metrics)
        if let tracer = telemetry.tracer {
            InstrumentationSystem.bootstrap(tracer)
        }
        for warning in telemetryConfiguration.warnings {
            logger.warning("telemetry configuration", metadata: ["problem": "\(warning)"])
        }
        let app = buildApplication(configuration: settings.app, telemetry: telemetry, logger: logger)
        try await app.runService()
    }
}
