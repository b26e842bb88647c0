import ArgumentParser
import EmporiumCore
import EmporiumPostgres
import EmporiumSQL
import EmporiumSQLite
import Foundation
import Logging

/// `--database URL`, then `EMPORIUM_DATABASE_URL`, then the embedded SQLite file.
struct DatabaseOptions: ParsableArguments {
    static let defaultURL = "sqlite://./.emporium/emporium.sqlite"

    @Option(
        name: .customLong("database"),
        help: "sqlite:///path/file.sqlite or postgres://user:pass@host:port/db (env: EMPORIUM_DATABASE_URL)"
    )
    var url: String?

    /// The URL in effect.
    var resolvedURL: String {
        url ?? ProcessInfo.processInfo.environment["EMPORIUM_DATABASE_URL"] ?? Self.defaultURL
    }

    /// Opens and migrates the database, runs `body`, and closes it.
    func withDatabase<Result: Sendable>(
        logger: Logger,
        _ body: @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        let url = resolvedURL
        if url.hasPrefix("sqlite://") {
            let database = try SQLiteDatabase(path: String(url.dropFirst("sqlite://".count)))
            try database.migrate()
            return try await body(database)
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw ValidationError("--database \(url): expected a sqlite:// or postgres:// URL")
        }
        let database = try PostgreSQLDatabase(url: url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            try await database.migrate()
            return try await body(database)
        }
    }
}
