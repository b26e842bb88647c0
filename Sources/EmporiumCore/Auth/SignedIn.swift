/// What a successful sign-in or refresh hands the client: a short-lived access token and the next refresh token.
public struct SignedIn: Sendable {
    public var user: User
    /// The bearer token for API calls.
    public var accessToken: String
    /// Exchanged once at `POST /auth/refresh` for a new pair; a second use revokes the session.
    public var refreshToken: String
    /// Seconds until ``accessToken`` expires.
    public var expiresIn: Int
    /// The session: the refresh-token family every token of this sign-in belongs to.
    public var session: Identifier<RefreshToken>

    /// Creates the result.
    public init(
        user: User,
        accessToken: String,
        refreshToken: String,
        expiresIn: Int,
        session: Identifier<RefreshToken>
    ) {
        self.user = user
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.session = session
    }
}

/// The limits of the auth service. The defaults follow OWASP ASVS 5.
public struct AuthPolicy: Sendable {
    /// How long a refresh token (and so a session without activity) lives.
    public var refreshTokenLifetime: Duration = .seconds(30 * 24 * 3_600)
    /// How long a password-reset token may be used.
    public var passwordResetLifetime: Duration = .seconds(3_600)
    /// Failed sign-ins allowed per account, and per client address, within ``failureWindow``.
    public var maximumFailedLogins = 100
    public var failureWindow: Duration = .seconds(3_600)

    /// The defaults.
    public init() {}
}
