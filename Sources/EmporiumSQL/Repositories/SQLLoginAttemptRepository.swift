public import EmporiumCore
public import FoundationEssentials

/// Failed-login records over SQLite or PostgreSQL, counted per account and per client address.
public struct SQLLoginAttemptRepository: LoginAttemptRepository {
    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func record(_ attempt: LoginAttempt) async throws {
        try await database.execute(
            SQLStatement(
                "INSERT INTO login_attempts (email, client_address, attempted_at) VALUES (?, ?, ?)",
                [.text(attempt.email.value), .text(attempt.clientAddress), .date(attempt.at)],
                table: "login_attempts"
            )
        )
    }

    public func failures(email: EmailAddress, since: Date) async throws -> Int {
        try await count(where: "email = ?", .text(email.value), since: since)
    }

    public func failures(clientAddress: String, since: Date) async throws -> Int {
        try await count(where: "client_address = ?", .text(clientAddress), since: since)
    }

    public func clear(email: EmailAddress) async throws {
        try await database.execute(
            SQLStatement("DELETE FROM login_attempts WHERE email = ?", [.text(email.value)], table: "login_attempts")
        )
    }

    private func count(where condition: String, _ value: SQLValue, since: Date) async throws -> Int {
        let statement = SQLStatement(
            "SELECT COUNT(*) AS failures FROM login_attempts WHERE \(condition) AND attempted_at >= ?",
            [value, .date(since)],
            table: "login_attempts"
        )
        return Int(try await database.firstRow(statement)?.int("failures") ?? 0)
    }
}
