public import FoundationEssentials

/// Signs short-lived access tokens for a signed-in session; the HTTP layer provides JWTs.
public protocol AccessTokenIssuing: Sendable {
    /// How long an access token stays valid.
    var lifetime: Duration { get }
    /// A signed token naming the user, their role and the session (the refresh-token family it belongs to).
    func issue(for user: User, session: Identifier<RefreshToken>, at now: Date) async throws -> String
}

/// One-way digests of secret tokens (refresh and reset tokens), so the database never holds a usable token.
public protocol SecretDigesting: Sendable {
    /// A stable digest of the secret, for example SHA-256 as hex.
    func digest(_ secret: String) -> String
}

/// New secrets for refresh and password-reset tokens.
public enum SecretToken {
    /// 256 bits from the system's cryptographically secure generator (`getrandom` on Linux), as 64 hex digits.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in hexDigits(generator.next()) }.joined()
    }

    private static func hexDigits(_ word: UInt64) -> String {
        let digits = String(word, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Duration {
    /// The duration in seconds, for date arithmetic.
    var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
