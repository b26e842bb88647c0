public import EmporiumCore

/// Reviews over SQLite or PostgreSQL; each insert updates the product's rating in the same transaction.
public struct SQLReviewRepository: ReviewRepository {
    /// Order states in which the customer has paid for the goods.
    static let purchasedStates: [OrderStatus] = [.paid, .shipped, .delivered, .partiallyRefunded, .refunded]

    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func insert(_ review: Review) async throws {
        try review.validate()
        do {
            try await database.transaction("review") { session in
                try await session.execute(Self.insertStatement(review))
                try await session.execute(
                    SQLStatement(
                        """
                        UPDATE products SET rating_count = rating_count + 1, rating_sum = rating_sum + ?,
                          rating_average = (rating_sum + ?) * 1.0 / (rating_count + 1)
                        WHERE id = ?
                        """,
                        [.integer(Int64(review.rating)), .integer(Int64(review.rating)), .uuid(review.productID.uuid)],
                        table: "products"
                    )
                )
            }
        } catch let violation as SQLConstraintViolation where violation.kind == .unique {
            throw DomainError(
                .conflict,
                "you have already reviewed this product",
                details: ["product_id": .string(review.productID.description)]
            )
        }
    }

    public func reviews(of productID: Identifier<Product>, limit: Int) async throws -> [Review] {
        let statement = SQLStatement(
            """
            SELECT \(Self.columns) FROM reviews
            WHERE product_id = ? ORDER BY created_at DESC, id LIMIT ?
            """,
            [.uuid(productID.uuid), .integer(Int64(min(max(limit, 1), 100)))],
            table: "reviews"
        )
        return try await database.rows(statement).map { row in
            try Review(
                id: row.id("id"),
                productID: row.id("product_id"),
                userID: row.id("user_id"),
                rating: Int(row.int("rating")),
                title: row.string("title"),
                body: row.string("body"),
                verifiedPurchase: row.bool("verified_purchase"),
                createdAt: row.date("created_at")
            )
        }
    }

    public func hasPurchased(_ productID: Identifier<Product>, userID: Identifier<User>) async throws -> Bool {
        let states = Self.purchasedStates.map { SQLValue.text($0.rawValue) }
        let statement = SQLStatement(
            """
            SELECT 1 AS found FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.user_id = ? AND l.product_id = ? AND o.status IN (\(SQLStatement.placeholders(states.count))) LIMIT 1
            """,
            [.uuid(userID.uuid), .uuid(productID.uuid)] + states,
            table: "orders"
        )
        return try await database.firstRow(statement) != nil
    }

    static let columns = "id, product_id, user_id, rating, title, body, verified_purchase, created_at"

    static func values(_ review: Review) -> [SQLValue] {
        [
            .uuid(review.id.uuid), .uuid(review.productID.uuid), .uuid(review.userID.uuid),
            .integer(Int64(review.rating)), .text(review.title), .text(review.body),
            .bool(review.verifiedPurchase), .date(review.createdAt),
        ]
    }

    private static func insertStatement(_ review: Review) -> SQLStatement {
        .insert(into: "reviews", columns: columns, rows: [values(review)])
    }
}
