public import FoundationEssentials

/// Stores users. Emails are unique after normalisation.
public protocol UserRepository: Sendable {
    /// Adds a user. - Throws: ``DomainError/Code/conflict`` when the email is taken.
    func insert(_ user: User) async throws
    func user(id: Identifier<User>) async throws -> User?
    /// The users with these ids that exist, in no particular order.
    func users(ids: [Identifier<User>]) async throws -> [User]
    func user(email: EmailAddress) async throws -> User?
    /// Replaces name, role and password hash. - Throws: ``DomainError/Code/notFound``.
    func update(_ user: User) async throws
}

/// Stores refresh-token families and password-reset tokens, by hash only.
public protocol CredentialRepository: Sendable {
    func insert(_ token: RefreshToken) async throws
    func refreshToken(hash: String) async throws -> RefreshToken?
    /// Marks a token used if it was not; `false` means it had been used already (a replay).
    func markUsed(hash: String, at: Date) async throws -> Bool
    /// Revokes every token of a family (logout, or a replay detected).
    func revokeFamily(_ familyID: Identifier<RefreshToken>, at: Date) async throws
    /// Revokes every family of a user (a password reset signs out everywhere).
    func revokeFamilies(of userID: Identifier<User>, at: Date) async throws
    /// Whether a family has a token that was not revoked; access tokens of other families are refused.
    func isFamilyActive(_ familyID: Identifier<RefreshToken>) async throws -> Bool
    func insert(_ token: PasswordResetToken) async throws
    /// Uses a reset token once: returns its user if the token exists, is unexpired and unused, and marks it used.
    func consumePasswordReset(hash: String, at: Date) async throws -> Identifier<User>?
}

/// Records failed logins to throttle guessing.
public protocol LoginAttemptRepository: Sendable {
    func record(_ attempt: LoginAttempt) async throws
    /// Failed attempts for an account since a time.
    func failures(email: EmailAddress, since: Date) async throws -> Int
    /// Failed attempts from a client address since a time.
    func failures(clientAddress: String, since: Date) async throws -> Int
    /// Forgets an account's failures after a successful login.
    func clear(email: EmailAddress) async throws
}
