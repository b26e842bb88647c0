public import FoundationEssentials

/// What a user may do: shop, sell their own products, or administer everything.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case customer
    case seller
    case admin

    /// Parses a role name.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `role`.
    public init(parsing text: String) throws(DomainError) {
        guard let role = Role(rawValue: text) else {
            throw .invalid("role", "one of customer, seller, admin, got \"\(text)\"")
        }
        self = role
    }
}

/// A registered user. The password is kept only as a hash produced by the HTTP layer's hasher.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: Identifier<User>
    /// Unique, normalised.
    public var email: EmailAddress
    public var name: String
    public var role: Role
    /// The encoded password hash (algorithm, parameters, salt and hash), never the password.
    public var passwordHash: String
    public var createdAt: Date

    /// Creates a user value.
    public init(
        id: Identifier<User> = .init(),
        email: EmailAddress,
        name: String,
        role: Role,
        passwordHash: String,
        createdAt: Date
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
