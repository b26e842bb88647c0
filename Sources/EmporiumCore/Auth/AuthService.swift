public import FoundationEssentials

/// Registration, sign-in with rotating refresh tokens, sign-out, and password reset
/// (``requestPasswordReset(email:)``).
///
/// No answer tells whether an account exists: registering a taken address looks like a success (the owner is
/// told by email), and a sign-in with an unknown address costs the same password check as a wrong password.
/// Failed sign-ins are throttled per account and per client address (``AuthPolicy``).
///
/// ```swift
/// let auth = AuthService(storage: storage, hasher: BcryptPasswordHasher(), tokens: jwt, digests: sha256,
///                        mailer: mailer)
/// let session = try await auth.login(email: "ada@example.com", password: "…", clientAddress: "203.0.113.7")
/// ```
public struct AuthService: Sendable {
    let users: any UserRepository
    let credentials: any CredentialRepository
    let loginAttempts: any LoginAttemptRepository
    let hasher: any PasswordHashing
    let tokens: any AccessTokenIssuing
    let digests: any SecretDigesting
    let mailer: any Mailer
    let policy: AuthPolicy
    let now: @Sendable () -> Date
    private let decoy = DecoyPasswordHash()

    /// Creates the service.
    /// - Parameter mailer: sends reset tokens, and the notice to an owner whose address someone tried to register
    ///   again; pass one that queues, so the answer does not wait for (and reveal) the mail.
    public init(
        storage: Storage,
        hasher: any PasswordHashing,
        tokens: any AccessTokenIssuing,
        digests: any SecretDigesting,
        mailer: any Mailer,
        policy: AuthPolicy = AuthPolicy(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.users = storage.users
        self.credentials = storage.credentials
        self.loginAttempts = storage.loginAttempts
        self.hasher = hasher
        self.tokens = tokens
        self.digests = digests
        self.mailer = mailer
        self.policy = policy
        self.now = now
    }

    /// Registers a customer. A taken address is not an error: its owner gets an email instead.
    /// - Throws: `invalid_input` naming `email`, `name` or `password`.
    public func register(email: String, name: String, password: String) async throws {
        let accounts = UserAccounts(users: users, hasher: hasher, now: now)
        do {
            _ = try await accounts.create(email: email, name: name, password: password, role: .customer)
        } catch let error as DomainError where error.code == .conflict {
            let address = try EmailAddress(email)
            try await mailer.send(
                MailMessage(
                    id: "registration-\(SecretToken.generate().prefix(16))",
                    to: address,
                    subject: "Someone tried to register your address",
                    body: """
                        Someone tried to create an Emporium account with \(address), which already has one.
                        If it was you, sign in instead, or reset your password. Otherwise you can ignore this message.
                        """
                )
            )
        }
    }

    /// Signs in with email and password.
    /// - Throws: `too_many_attempts` when the account or the client address reached the limit of failures,
    ///   `invalid_credentials` for an unknown address or a wrong password (the same answer for both).
    public func login(email: String, password: String, clientAddress: String) async throws -> SignedIn {
        let address = try EmailAddress(email)
        try await checkThrottle(address, clientAddress: clientAddress)
        let user = try await users.user(email: address)
        let storedHash: String
        if let user { storedHash = user.passwordHash } else { storedHash = try await decoy.value(using: hasher) }
        let matches = try await hasher.verify(password, against: storedHash)
        guard let user, matches else {
            try await loginAttempts.record(LoginAttempt(email: address, clientAddress: clientAddress, at: now()))
            throw DomainError(.invalidCredentials, "the email address or the password is wrong")
        }
        try await loginAttempts.clear(email: address)
        return try await startSession(for: user, family: Identifier())
    }

    /// Exchanges a refresh token for a new pair. The token is spent: presenting it again is taken as theft,
    /// and the whole session (every token of its family) is revoked.
    /// - Throws: `invalid_token` for an unknown, expired, revoked or reused token.
    public func refresh(_ refreshToken: String) async throws -> SignedIn {
        let hash = digests.digest(refreshToken)
        let moment = now()
        guard let record = try await credentials.refreshToken(hash: hash), record.revokedAt == nil,
            record.expiresAt > moment
        else { throw Self.invalidRefreshToken }
        guard try await credentials.markUsed(hash: hash, at: moment) else {
            try await credentials.revokeFamily(record.familyID, at: moment)
            throw DomainError(
                .invalidToken,
                "this refresh token was already used, so the session was revoked: sign in again",
                details: ["field": .string("refresh_token")]
            )
        }
        guard let user = try await users.user(id: record.userID) else { throw Self.invalidRefreshToken }
        return try await startSession(for: user, family: record.familyID)
    }

    /// Ends a session: its refresh tokens stop working, and so do its access tokens (``isSessionActive(_:)``).
    public func logout(session: Identifier<RefreshToken>) async throws {
        try await credentials.revokeFamily(session, at: now())
    }

    /// Ends the session a refresh token belongs to; an unknown token is ignored.
    public func logout(refreshToken: String) async throws {
        guard let record = try await credentials.refreshToken(hash: digests.digest(refreshToken)) else { return }
        try await logout(session: record.familyID)
    }

    /// Whether a session was neither revoked by sign-out, reuse or a password reset.
    public func isSessionActive(_ session: Identifier<RefreshToken>) async throws -> Bool {
        try await credentials.isFamilyActive(session)
    }

    private func startSession(for user: User, family: Identifier<RefreshToken>) async throws -> SignedIn {
        let moment = now()
        let refreshToken = SecretToken.generate()
        try await credentials.insert(
            RefreshToken(
                tokenHash: digests.digest(refreshToken),
                familyID: family,
                userID: user.id,
                expiresAt: moment.addingTimeInterval(policy.refreshTokenLifetime.timeInterval)
            )
        )
        return SignedIn(
            user: user,
            accessToken: try await tokens.issue(for: user, session: family, at: moment),
            refreshToken: refreshToken,
            expiresIn: Int(tokens.lifetime.timeInterval),
            session: family
        )
    }

    private func checkThrottle(_ address: EmailAddress, clientAddress: String) async throws {
        let since = now().addingTimeInterval(-policy.failureWindow.timeInterval)
        let byAccount = try await loginAttempts.failures(email: address, since: since)
        let byClient = try await loginAttempts.failures(clientAddress: clientAddress, since: since)
        guard byAccount < policy.maximumFailedLogins, byClient < policy.maximumFailedLogins else {
            throw DomainError(
                .tooManyAttempts,
                "too many failed sign-ins: try again later or reset the password",
                details: ["retry_after_seconds": .integer(Int64(policy.failureWindow.timeInterval))]
            )
        }
    }

    private static let invalidRefreshToken = DomainError(
        .invalidToken,
        "the refresh token is unknown, expired or revoked: sign in again",
        details: ["field": .string("refresh_token")]
    )
}
