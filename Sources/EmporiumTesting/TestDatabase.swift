import EmporiumCore
import EmporiumPostgres
public import EmporiumSQL
import EmporiumSQLite
import Foundation
import Logging
import PostgresNIO

/// The storage backends the tests run against.
public enum Backend: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    /// SQLite always; PostgreSQL when a server is configured (`make test` starts one) or under CI, where a
    /// missing server must fail rather than vanish from the run.
    public static var available: [Backend] {
        PostgresTestServer.isRequired ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// A fresh, migrated database per test: a temporary SQLite file, or a PostgreSQL database cloned from a
/// migrated template.
public enum TestDatabase {
    /// Runs `body` against a new database of the backend, removed afterwards.
    public static func with(
        _ backend: Backend,
        _ body: @Sendable (any SQLDatabase) async throws -> Void
    ) async throws {
        switch backend {
        case .sqlite: try await withSQLite(body)
        case .postgres: try await PostgresTestServer.shared.withDatabase(body)
        }
    }

    private static func withSQLite(_ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emporium-test-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shop.sqlite").path
        let database = try await offPool { () throws -> SQLiteDatabase in
            let database = try SQLiteDatabase(path: path)
            try database.migrate()
            return database
        }
        try await body(database)
    }

    /// Runs blocking work (a migration's fsyncs) on a Dispatch thread, never on the cooperative pool: its two
    /// threads on a 2-core machine are every test's, and a test holding one stalls the others for seconds.
    private static func offPool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}

/// The PostgreSQL server of the test run, from `EMPORIUM_TEST_POSTGRES_URL`
/// (default `postgres://postgres@127.0.0.1:5432/postgres`).
public actor PostgresTestServer {
    /// The server of this test run.
    public static let shared = PostgresTestServer()
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["EMPORIUM_TEST_POSTGRES_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
    /// True when the suite must run on PostgreSQL: a URL was given, or this is CI.
    public static let isRequired = environment["EMPORIUM_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true"

    private static let template = "emporium_contract_template"
    private let logger = Logger(label: "contract-tests")
    /// Created once; concurrent tests wait for the same preparation (the actor is re-entrant across awaits).
    private var templatePreparation: Task<Void, any Error>?

    /// Runs `body` against a new database cloned from the migrated template, dropped afterwards.
    public func withDatabase(_ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await prepareTemplate()
        let name = "emporium_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await admin("CREATE DATABASE \(name) TEMPLATE \(Self.template)")
        do {
            try await Self.run(database: name, logger: logger, body)
        } catch {
            try? await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private func prepareTemplate() async throws {
        if templatePreparation == nil {
            templatePreparation = Task {
                try await admin("DROP DATABASE IF EXISTS \(Self.template) WITH (FORCE)")
                try await admin("CREATE DATABASE \(Self.template)")
                try await Self.run(database: Self.template, logger: logger) { database in
                    try await (database as! PostgreSQLDatabase).migrate()
                }
            }
        }
        try await templatePreparation?.value
    }

    private func admin(_ sql: String) async throws {
        let configuration = try Self.configuration(database: nil)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    private static func run(
        database name: String,
        logger: Logger,
        _ body: @Sendable (any SQLDatabase) async throws -> Void
    ) async throws {
        let database = PostgreSQLDatabase(configuration: try configuration(database: name), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            try await body(database)
        }
    }

    private static func configuration(database: String?) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let host = components.host, let user = components.user else {
            throw TestSetupError("EMPORIUM_TEST_POSTGRES_URL is not a postgres:// URL: \(url)")
        }
        return PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: user,
            password: components.password,
            database: database ?? String(components.path.dropFirst()),
            tls: .disable
        )
    }
}

/// A test could not set up what it needs.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String

    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
