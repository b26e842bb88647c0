import ArgumentParser
import EmporiumCore
import EmporiumPostgres
import EmporiumSQL
import EmporiumSQLite
import Foundation
import Logging
import ServiceLifecycle

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

    /// Opens the database for a server: SQLite is migrated at once; PostgreSQL's pool is a service to run and
    /// its migration a step to take once it runs.
    func open(faults: Faults? = nil, logger: Logger) throws -> OpenedDatabase {
        let url = resolvedURL
        if url.hasPrefix("sqlite://") {
            let database = try SQLiteDatabase(path: String(url.dropFirst("sqlite://".count)), faults: faults)
            try database.migrate()
            return OpenedDatabase(database: database, services: [], migrate: {})
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw ValidationError("--database \(url.redactingPassword): expected a sqlite:// or postgres:// URL")
        }
        let database = try PostgreSQLDatabase(url: url, faults: faults, logger: logger)
        return OpenedDatabase(database: database, services: [database], migrate: { try await database.migrate() })
    }

    /// Opens and migrates the database, runs `body`, and closes it.
    func withDatabase<Result: Sendable>(
        logger: Logger,
        _ body: @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        let opened = try open(logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for service in opened.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            try await opened.migrate()
            return try await body(opened.database)
        }
    }
}

/// A database ready to serve once its services run and its migration is done.
struct OpenedDatabase {
    var database: any SQLDatabase
    /// The connection pool to run (PostgreSQL).
    var services: [any Service]
    var migrate: @Sendable () async throws -> Void
}
