import ArgumentParser
import EmporiumCore
import EmporiumHTTP
import Logging

/// `serve`'s settings resolved in order: flag, then `EMPORIUM_*` variable, then default.
struct ServeSettings {
    var app: AppConfiguration
    var logLevel: Logger.Level
    /// Problems that did not stop the start (a missing secret that was replaced by a random one).
    var warnings: [String] = []

    init(options: ServeOptions, environment: [String: String]) throws {
        app = AppConfiguration()
        app.host = options.host ?? environment["EMPORIUM_HOST"] ?? app.host
        if let port = options.port {
            app.port = try Self.validPort(port, source: "--port")
        } else if let text = environment["EMPORIUM_PORT"] {
            guard let number = Int(text) else {
                throw ValidationError("EMPORIUM_PORT=\(text) is not a port number (expected 0-65535)")
            }
            app.port = try Self.validPort(number, source: "EMPORIUM_PORT")
        }
        if let list = options.services ?? environment["EMPORIUM_SERVICES"] {
            do {
                app.services = try ShopService.parse(list: list)
            } catch {
                throw ValidationError("--services \(list): \(error.message)")
            }
        }
        if let secret = environment["EMPORIUM_JWT_SECRET"] {
            guard secret.utf8.count >= AccessTokenSettings.minimumSecretBytes else {
                throw ValidationError(
                    "EMPORIUM_JWT_SECRET has \(secret.utf8.count) bytes; at least \(AccessTokenSettings.minimumSecretBytes) are needed"
                )
            }
            app.accessTokens.secret = Array(secret.utf8)
        } else {
            warnings.append(
                "EMPORIUM_JWT_SECRET is not set: access tokens are signed with a random key, so they stop working when this process restarts and are not accepted by other replicas"
            )
        }
        let levelText = environment["EMPORIUM_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ValidationError(
                "EMPORIUM_LOG_LEVEL=\(levelText) is not a log level (expected trace, debug, info, notice, warning, error or critical)"
            )
        }
        logLevel = level
    }

    private static func validPort(_ port: Int, source: String) throws -> Int {
        guard (0...65_535).contains(port) else {
            throw ValidationError("\(source) \(port) is not a port number (expected 0-65535)")
        }
        return port
    }
}
