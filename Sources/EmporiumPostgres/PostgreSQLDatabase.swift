public import EmporiumCore
public import EmporiumSQL
public import Logging
public import PostgresNIO
public import ServiceLifecycle

/// Emporium's production database: PostgreSQL through PostgresNIO's pooled, non-blocking `PostgresClient`.
///
/// The client's connection pool runs as a `Service` (``run()``); add the database to the service group, or run
/// it in a task, before the first query.
///
/// ```swift
/// let database = try PostgreSQLDatabase(url: "postgres://emporium:secret@127.0.0.1:5432/emporium", logger: logger)
/// serviceGroup.addServices(database)
/// try await database.migrate()
/// ```
public final class PostgreSQLDatabase: SQLDatabase, Service {
    public let dialect = SQLDialect.postgres
    public var catalogBulkLoad: CatalogBulkLoad { PostgresSchema.catalogBulkLoad }
    let client: PostgresClient
    private let logger: Logger
    private let instrumentation: QueryInstrumentation

    /// Creates the database client for a `postgres://user:password@host:port/database` URL.
    /// - Throws: ``DomainError`` naming `database` when the URL is malformed.
    /// - Parameter faults: the operator's faults, whose database latency every statement then takes longer.
    public convenience init(url: String, maximumConnections: Int = 20, faults: Faults? = nil, logger: Logger) throws {
        var configuration = try PostgresURL.configuration(from: url)
        configuration.options.maximumConnections = maximumConnections
        self.init(configuration: configuration, faults: faults, logger: logger)
    }

    /// Creates the database client from a PostgresNIO configuration.
    public init(configuration: PostgresClient.Configuration, faults: Faults? = nil, logger: Logger) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.instrumentation = QueryInstrumentation(system: "postgresql", faults: faults)
    }

    /// Runs the connection pool until cancelled.
    public func run() async throws {
        await client.run()
    }

    /// Applies the migrations that have not run yet, under an advisory lock so two instances never race.
    public func migrate() async throws {
        try await PostgresSchema.migrate(client, logger: logger)
    }

    public func rows(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await instrumentation.measure(statement.operation, table: statement.table) {
            try await translatingErrors {
                try await client.query(statement.postgresQuery, logger: logger).sqlRows()
            }
        }
    }

    public func rows(together statements: [SQLStatement]) async throws -> [SQLRow] {
        try await combinedRows(statements)
    }

    public func transaction<Result: Sendable>(
        _ name: String,
        _ body: @Sendable (any SQLSession) async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await instrumentation.measure(name, table: "transaction") {
                    try await translatingErrors {
                        try await client.withTransaction(logger: logger) { connection in
                            try await body(
                                ConnectionSession(
                                    connection: connection,
                                    logger: logger,
                                    instrumentation: instrumentation
                                )
                            )
                        }
                    }
                }
            } catch let error as PSQLError where attempt < Self.transactionAttempts && error.isDeadlock {
                logger.warning(
                    "transaction aborted to break a deadlock; running it again",
                    metadata: ["transaction": "\(name)"]
                )
                attempt += 1
            }
        }
    }

    /// How often a transaction runs before a deadlock abort is reported to the caller.
    static let transactionAttempts = 3
}

/// Statements on the connection that holds a transaction.
private struct ConnectionSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let instrumentation: QueryInstrumentation

    func rows(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await instrumentation.measure(statement.operation, table: statement.table) {
            try await translatingErrors {
                try await connection.query(statement.postgresQuery, logger: logger).sqlRows()
            }
        }
    }

    func rows(together statements: [SQLStatement]) async throws -> [SQLRow] {
        try await combinedRows(statements)
    }
}

/// Rethrows server constraint failures as ``SQLConstraintViolation``; PostgresNIO wraps errors raised inside
/// `withTransaction` in a transaction error, whose closure error is unwrapped first.
private func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch let error as PostgresTransactionError {
        if let closureError = error.closureError { throw translated(closureError) }
        throw error
    } catch {
        throw translated(error)
    }
}

extension PSQLError {
    /// PostgreSQL aborted the transaction to break a deadlock (SQLSTATE 40P01): running it again succeeds.
    var isDeadlock: Bool { serverInfo?[.sqlState] == "40P01" }
}

private func translated(_ error: any Error) -> any Error {
    guard let error = error as? PSQLError else { return error }
    return SQLConstraintViolation(error) ?? error
}
