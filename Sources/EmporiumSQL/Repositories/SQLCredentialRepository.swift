public import EmporiumCore
public import FoundationEssentials

/// Refresh-token families and password-reset tokens over SQLite or PostgreSQL, stored by hash only.
public struct SQLCredentialRepository: CredentialRepository {
    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func insert(_ token: RefreshToken) async throws {
        try await database.execute(
            SQLStatement(
                """
                INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at, used_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(token.tokenHash), .uuid(token.familyID.uuid), .uuid(token.userID.uuid),
                    .date(token.expiresAt), token.usedAt.sqlValue, token.revokedAt.sqlValue,
                ],
                table: "refresh_tokens"
            )
        )
    }

    public func refreshToken(hash: String) async throws -> RefreshToken? {
        let statement = SQLStatement(
            "SELECT token_hash, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?",
            [.text(hash)],
            table: "refresh_tokens"
        )
        return try await database.firstRow(statement).map { row in
            var token = try RefreshToken(
                tokenHash: row.string("token_hash"),
                familyID: row.id("family_id"),
                userID: row.id("user_id"),
                expiresAt: row.date("expires_at")
            )
            token.usedAt = try row.optionalDate("used_at")
            token.revokedAt = try row.optionalDate("revoked_at")
            return token
        }
    }

    public func markUsed(hash: String, at moment: Date) async throws -> Bool {
        let statement = SQLStatement(
            "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL RETURNING token_hash",
            [.date(moment), .text(hash)],
            table: "refresh_tokens"
        )
        return try await database.firstRow(statement) != nil
    }

    public func revokeFamily(_ familyID: Identifier<RefreshToken>, at moment: Date) async throws {
        try await database.execute(
            SQLStatement(
                "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                [.date(moment), .uuid(familyID.uuid)],
                table: "refresh_tokens"
            )
        )
    }

    public func revokeFamilies(of userID: Identifier<User>, at moment: Date) async throws {
        try await database.execute(
            SQLStatement(
                "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                [.date(moment), .uuid(userID.uuid)],
                table: "refresh_tokens"
            )
        )
    }

    public func isFamilyActive(_ familyID: Identifier<RefreshToken>) async throws -> Bool {
        let statement = SQLStatement(
            "SELECT 1 AS active FROM refresh_tokens WHERE family_id = ? AND revoked_at IS NULL LIMIT 1",
            [.uuid(familyID.uuid)],
            table: "refresh_tokens"
        )
        return try await database.firstRow(statement) != nil
    }

    public func insert(_ token: PasswordResetToken) async throws {
        try await database.execute(
            SQLStatement(
                "INSERT INTO password_resets (token_hash, user_id, expires_at, used_at) VALUES (?, ?, ?, ?)",
                [.text(token.tokenHash), .uuid(token.userID.uuid), .date(token.expiresAt), token.usedAt.sqlValue],
                table: "password_resets"
            )
        )
    }

    public func consumePasswordReset(hash: String, at moment: Date) async throws -> Identifier<User>? {
        let statement = SQLStatement(
            """
            UPDATE password_resets SET used_at = ?
            WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id
            """,
            [.date(moment), .text(hash), .date(moment)],
            table: "password_resets"
        )
        return try await database.firstRow(statement).map { try $0.id("user_id") }
    }
}
