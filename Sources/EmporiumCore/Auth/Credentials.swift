public import FoundationEssentials

/// A refresh token as stored: only its hash, the family it rotates in, and whether it was used.
///
/// Every login starts a family; every refresh uses the presented token and issues the next one in the same
/// family. Presenting a token that was already used is a replay: the whole family is revoked.
public struct RefreshToken: Sendable, Hashable, Codable {
    /// SHA-256 of the token, hex; the token itself is never stored.
    public var tokenHash: String
    public var familyID: Identifier<RefreshToken>
    public var userID: Identifier<User>
    public var expiresAt: Date
    /// When it was exchanged for a new token; a second use is a replay.
    public var usedAt: Date?
    /// When its family was revoked (logout or replay).
    public var revokedAt: Date?

    /// Creates an unused token record.
    public init(tokenHash: String, familyID: Identifier<RefreshToken>, userID: Identifier<User>, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.familyID = familyID
        self.userID = userID
        self.expiresAt = expiresAt
    }
}

/// A single-use password-reset token, stored as a hash with an expiry.
public struct PasswordResetToken: Sendable, Hashable, Codable {
    public var tokenHash: String
    public var userID: Identifier<User>
    public var expiresAt: Date
    public var usedAt: Date?

    /// Creates an unused reset token record.
    public init(tokenHash: String, userID: Identifier<User>, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.expiresAt = expiresAt
    }
}

/// One failed login, kept to throttle guessing per account and per client address.
public struct LoginAttempt: Sendable, Hashable, Codable {
    public var email: EmailAddress
    public var clientAddress: String
    public var at: Date

    /// Records a failed attempt.
    public init(email: EmailAddress, clientAddress: String, at: Date) {
        self.email = email
        self.clientAddress = clientAddress
        self.at = at
    }
}
