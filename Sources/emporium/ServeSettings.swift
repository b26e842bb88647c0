import ArgumentParser
import EmporiumHTTP
import Logging

/// `serve`'s settings resolved in order: flag, then `EMPORIUM_*` variable, then default.
struct ServeSettings {
    var app: AppConfiguration
    var logLevel: Logger.Level

    init(host: String?, port: Int?, environment: [String: String]) throws {
        app = AppConfiguration()
        app.host = host ?? environment["EMPORIUM_HOST"] ?? app.host
        if let port {
            app.port = try Self.validPort(port, source: "--port")
        } else if let text = environment["EMPORIUM_PORT"] {
            guard let number = Int(text) else {
                throw ValidationError("EMPORIUM_PORT=\(text) is not a port number (expected 1-65535)")
            }
            app.port = try Self.validPort(number, source: "EMPORIUM_PORT")
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
