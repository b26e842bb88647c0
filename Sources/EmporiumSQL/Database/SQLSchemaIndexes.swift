/// The secondary indexes, written the same way in both dialects; each adapter's schema creates them after its
/// tables (PostgreSQL adds its GIN index for search, SQLite its FTS5 table).
public enum SQLSchemaIndexes {
    /// One `CREATE INDEX` per index.
    public static let statements: [String] = [
        "CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at)",
        "CREATE INDEX login_attempts_client ON login_attempts (client_address, attempted_at)",
        "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)",
        "CREATE INDEX categories_parent ON categories (parent_id)",
        "CREATE INDEX products_category_price ON products (category_id, price_amount, id)",
        "CREATE INDEX products_category_created ON products (category_id, created_at, id)",
        "CREATE INDEX products_category_rating ON products (category_id, rating_average, id)",
        "CREATE INDEX products_price ON products (price_amount, id)",
        "CREATE INDEX products_created ON products (created_at, id)",
        "CREATE INDEX products_rating ON products (rating_average, id)",
        "CREATE INDEX reviews_product ON reviews (product_id, created_at)",
        "CREATE INDEX orders_user ON orders (user_id, created_at)",
        "CREATE INDEX order_lines_product ON order_lines (product_id)",
        "CREATE INDEX payment_intents_order ON payment_intents (order_id, created_at)",
        "CREATE INDEX refunds_order ON refunds (order_id)",
        "CREATE INDEX outbox_pending ON outbox_events (sequence) WHERE delivered_at IS NULL",
        "CREATE INDEX notifications_user ON notifications (user_id, created_at)",
    ]

    /// The indexes of the second migration: the admin overview of orders, the reservation sweeper, and signing
    /// a user out everywhere.
    public static let version2: [String] = [
        "CREATE INDEX orders_created ON orders (created_at, id)",
        "CREATE INDEX orders_status_created ON orders (status, created_at, id)",
        "CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)",
    ]

    /// The indexes on the catalog's bulk-loaded tables (products and reviews).
    public static var catalog: [String] {
        statements.filter { $0.contains(" ON products ") || $0.contains(" ON reviews ") }
    }

    /// `DROP INDEX IF EXISTS` for each `CREATE INDEX name ON …` statement.
    public static func dropping(_ creates: [String]) -> [String] {
        creates.map { create in
            let name = create.split(separator: " ")[2]
            return "DROP INDEX IF EXISTS \(name)"
        }
    }

    /// ``statements`` as one script.
    public static var sql: String { script(statements) }

    /// Statements as one script, each ending in `;` and a new line.
    public static func script(_ creates: [String]) -> String {
        creates.map { $0 + ";\n" }.joined()
    }
}
