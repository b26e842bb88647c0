public import EmporiumCore

/// The category tree over SQLite or PostgreSQL.
public struct SQLCategoryRepository: CategoryRepository {
    static let columns = "id, name, slug, parent_id"

    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func insert(_ category: Category) async throws {
        let statement = SQLStatement.insert(into: "categories", columns: Self.columns, rows: [Self.values(category)])
        do {
            try await database.execute(statement)
        } catch let violation as SQLConstraintViolation {
            switch violation.kind {
            case .unique:
                throw DomainError(
                    .conflict,
                    "category slug \(category.slug) is taken",
                    details: ["field": .string("slug")]
                )
            default: throw DomainError.notFound("Category", category.parentID?.description ?? "")
            }
        }
    }

    public func categories() async throws -> [Category] {
        // Depth-first from the roots, so parents come before their children.
        let statement = SQLStatement(
            """
            WITH RECURSIVE tree(id, depth) AS (
              SELECT id, 0 FROM categories WHERE parent_id IS NULL
              UNION ALL SELECT c.id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id)
            SELECT c.id, c.name, c.slug, c.parent_id FROM categories c JOIN tree t ON t.id = c.id
            ORDER BY t.depth, c.name, c.id
            """,
            operation: "SELECT",
            table: "categories"
        )
        return try await database.rows(statement).map { row in
            try Category(
                id: row.id("id"),
                name: row.string("name"),
                slug: row.string("slug"),
                parentID: row.optionalID("parent_id")
            )
        }
    }

    static func values(_ category: Category) -> [SQLValue] {
        [
            .uuid(category.id.uuid), .text(category.name), .text(category.slug),
            category.parentID.map { .uuid($0.uuid) } ?? .null,
        ]
    }
}
