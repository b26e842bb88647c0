public import FoundationEssentials

/// Creates accounts: checks the email and password, hashes the password, stores the user.
public struct UserAccounts: Sendable {
    let users: any UserRepository
    let hasher: any PasswordHashing
    let now: @Sendable () -> Date

    /// Creates the use case.
    public init(
        users: any UserRepository,
        hasher: any PasswordHashing,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.users = users
        self.hasher = hasher
        self.now = now
    }

    /// Creates a user.
    /// - Throws: `invalid_input` naming `email`, `name` or `password`; `conflict` when the email is registered.
    public func create(email: String, name: String, password: String, role: Role) async throws -> User {
        let address = try EmailAddress(email)
        let trimmedName = String(name.trimmingWhitespace())
        guard !trimmedName.isEmpty, trimmedName.utf8.count <= 200 else {
            throw DomainError.invalid("name", "1 to 200 characters")
        }
        try PasswordPolicy.validate(password)
        let user = User(
            email: address,
            name: trimmedName,
            role: role,
            passwordHash: try await hasher.hash(password),
            createdAt: now()
        )
        try await users.insert(user)
        return user
    }
}
