import ArgumentParser
import EmporiumHTTP
import Foundation
import Hummingbird
import Logging
import Metrics
import Telemetry
import Tracing

/// `emporium serve`: bootstraps logging, metrics and tracing, wires the adapters, then runs the HTTP
/// application until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the shop's HTTP API.")

    @OptionGroup var options: ServeOptions

    func run() async throws {
        try await Self.serve(options: options, environment: ProcessInfo.processInfo.environment)
    }

    /// Serves until SIGTERM or SIGINT.
    static func serve(options: ServeOptions, environment: [String: String]) async throws {
        let settings = try ServeSettings(options: options, environment: environment)
        let (telemetry, logger) = TelemetryBootstrap.bootstrap(settings: settings, environment: environment)
        let assembly = ShopAssembly(environment: environment, logger: logger)
        let (dependencies, warnings) = try assembly.dependencies(options: options, host: settings.app.host)
        for warning in settings.warnings + warnings { logger.warning("\(warning)") }
        logger.notice(
            "serving",
            metadata: [
                "address": "http://\(settings.app.host):\(settings.app.port)",
                "database": "\(options.database.resolvedURL.redactingPassword)",
                "services": "\(settings.app.services.map(\.rawValue).sorted().joined(separator: ","))",
            ]
        )
        let app = buildApplication(
            configuration: settings.app,
            dependencies: dependencies,
            telemetry: telemetry,
            logger: logger
        )
        try await app.runService()
    }
}
