import EmporiumCore
import Foundation
import PostgresNIO

/// Reads `postgres://user:password@host:port/database[?sslmode=disable|require]` into a PostgresNIO configuration.
enum PostgresURL {
    static func configuration(from text: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme),
            let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty
        else {
            throw DomainError.invalid("database", "a URL such as postgres://user:password@host:5432/emporium")
        }
        let database = String(components.path.drop { $0 == "/" })
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: throw DomainError.invalid("database", "sslmode disable, prefer or require, got \(sslMode)")
        }
        return PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
    }
}
