/// Turns passwords into stored hashes and checks them; the HTTP layer provides bcrypt.
public protocol PasswordHashing: Sendable {
    /// A salted, encoded hash of the password.
    func hash(_ password: String) async throws -> String
    /// Whether the password matches the stored hash.
    func verify(_ password: String, against hash: String) async throws -> Bool
}

/// What a password must be (OWASP ASVS 5: at least 12 characters; bcrypt reads at most 72 bytes).
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    /// Checks a new password.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `password` and what is expected.
    public static func validate(_ password: String) throws(DomainError) {
        guard password.count >= minimumLength else {
            throw .invalid("password", "at least \(minimumLength) characters, got \(password.count)")
        }
        guard password.utf8.count <= maximumBytes else {
            throw .invalid("password", "at most \(maximumBytes) bytes, got \(password.utf8.count)")
        }
    }
}
