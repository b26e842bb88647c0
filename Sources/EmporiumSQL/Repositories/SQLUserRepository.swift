public import EmporiumCore

/// Users over SQLite or PostgreSQL.
public struct SQLUserRepository: UserRepository {
    static let columns = "id, email, name, role, password_hash, created_at"

    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func insert(_ user: User) async throws {
        let statement = SQLStatement.insert(into: "users", columns: Self.columns, rows: [Self.values(user)])
        do {
            try await database.execute(statement)
        } catch let violation as SQLConstraintViolation where violation.kind == .unique {
            throw DomainError(
                .conflict,
                "the email address is already registered",
                details: ["field": .string("email")]
            )
        }
    }

    public func user(id: Identifier<User>) async throws -> User? {
        try await user(where: "id = ?", .uuid(id.uuid))
    }

    public func users(ids: [Identifier<User>]) async throws -> [User] {
        guard !ids.isEmpty else { return [] }
        return try await users(where: "id IN (\(SQLStatement.placeholders(ids.count)))", ids.map { .uuid($0.uuid) })
    }

    public func user(email: EmailAddress) async throws -> User? {
        try await user(where: "email = ?", .text(email.value))
    }

    public func update(_ user: User) async throws {
        let statement = SQLStatement(
            "UPDATE users SET name = ?, role = ?, password_hash = ? WHERE id = ? RETURNING id",
            [.text(user.name), .text(user.role.rawValue), .text(user.passwordHash), .uuid(user.id.uuid)],
            table: "users"
        )
        guard try await database.firstRow(statement) != nil else {
            throw DomainError.notFound("User", user.id.description)
        }
    }

    private func user(where condition: String, _ value: SQLValue) async throws -> User? {
        try await users(where: condition, [value]).first
    }

    private func users(where condition: String, _ values: [SQLValue]) async throws -> [User] {
        let statement = SQLStatement("SELECT \(Self.columns) FROM users WHERE \(condition)", values, table: "users")
        return try await database.rows(statement).map { row in
            try User(
                id: row.id("id"),
                email: EmailAddress(row.string("email")),
                name: row.string("name"),
                role: Role(parsing: row.string("role")),
                passwordHash: row.string("password_hash"),
                createdAt: row.date("created_at")
            )
        }
    }

    static func values(_ user: User) -> [SQLValue] {
        [
            .uuid(user.id.uuid), .text(user.email.value), .text(user.name), .text(user.role.rawValue),
            .text(user.passwordHash), .date(user.createdAt),
        ]
    }
}
