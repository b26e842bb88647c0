import EmporiumSQL
import Logging
import PostgresNIO

/// The PostgreSQL schema as numbered migrations, recorded in `schema_migrations`. Money is `bigint` minor units,
/// ids are `uuid`, times `timestamptz`. Two generated `tsvector` columns with GIN indexes serve search:
/// `search_vector` holds every word of a product, `name_vector` those of its name and brand.
enum PostgresSchema {
    static let migrations: [(version: String, sql: String)] = [
        (
            "v1: users, catalog, carts, orders, payments, outbox",
            users + catalog + commerce + events + "\n" + SQLSchemaIndexes.sql
        ),
        ("v2: products.name_vector", nameVector),
        (
            "v3: webhook events, order and session indexes",
            webhookEvents + SQLSchemaIndexes.script(SQLSchemaIndexes.version2)
        ),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(727000001)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger
            )
            var applied: Set<String> = []
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(version)
            }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.sql.split(separator: ";\n") where !statement.allSatisfy(\.isWhitespace) {
                    try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version) VALUES (\(migration.version))",
                    logger: logger
                )
            }
        }
    }

    /// What a bulk load into an empty catalog drops and rebuilds: the catalog indexes, the text index among them.
    /// A larger `maintenance_work_mem`, for the load's transaction only, lets each index build sort in memory.
    /// `VACUUM` with the statistics marks the new rows visible to all once, in one pass; otherwise the first
    /// searches would each write the pages they read to record it.
    static let catalogBulkLoad = CatalogBulkLoad(
        before: SQLSchemaIndexes.dropping([searchIndex, nameSearchIndex] + SQLSchemaIndexes.catalog),
        after: ["SET LOCAL maintenance_work_mem = '256MB'", searchIndex, nameSearchIndex] + SQLSchemaIndexes.catalog,
        analysis: "VACUUM (ANALYZE)"
    )

    private static let searchIndex = "CREATE INDEX products_search ON products USING gin (search_vector)"
    private static let nameSearchIndex = "CREATE INDEX products_name_search ON products USING gin (name_vector)"

    /// The better relevance tier asks for every word in the name or the brand. The weights in `search_vector`
    /// say that too, but a GIN index does not keep them, so each match had to be read again from the table.
    private static let nameVector = """
        ALTER TABLE products ADD COLUMN name_vector tsvector GENERATED ALWAYS AS (
          to_tsvector('english', name) || to_tsvector('english', coalesce(brand, ''))) STORED;
        \(nameSearchIndex)
        """

    private static let webhookEvents = """
        CREATE TABLE webhook_events (id text PRIMARY KEY, type text NOT NULL, received_at timestamptz NOT NULL);

        """

    private static let users = """
        CREATE TABLE users (
          id uuid PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL,
          role text NOT NULL CHECK (role IN ('customer', 'seller', 'admin')), password_hash text NOT NULL,
          created_at timestamptz NOT NULL);
        CREATE TABLE refresh_tokens (
          token_hash text PRIMARY KEY, family_id uuid NOT NULL, user_id uuid NOT NULL REFERENCES users(id),
          expires_at timestamptz NOT NULL, used_at timestamptz, revoked_at timestamptz);
        CREATE TABLE password_resets (
          token_hash text PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), expires_at timestamptz NOT NULL,
          used_at timestamptz);
        CREATE TABLE login_attempts (
          id bigserial PRIMARY KEY, email text NOT NULL, client_address text NOT NULL, attempted_at timestamptz NOT NULL);

        """

    private static let catalog = """
        CREATE TABLE categories (
          id uuid PRIMARY KEY, name text NOT NULL, slug text NOT NULL UNIQUE, parent_id uuid REFERENCES categories(id));
        CREATE TABLE products (
          id uuid PRIMARY KEY, sku text NOT NULL UNIQUE, name text NOT NULL, description text NOT NULL,
          price_amount bigint NOT NULL CHECK (price_amount >= 0), currency text NOT NULL,
          category_id uuid REFERENCES categories(id), brand text, seller_id uuid REFERENCES users(id),
          attributes text NOT NULL DEFAULT '{}', active boolean NOT NULL DEFAULT true,
          on_hand bigint NOT NULL CHECK (on_hand >= 0),
          reserved bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
          rating_count bigint NOT NULL DEFAULT 0, rating_sum bigint NOT NULL DEFAULT 0,
          rating_average double precision NOT NULL DEFAULT 0, created_at timestamptz NOT NULL,
          search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', coalesce(brand, '')), 'B')
            || setweight(to_tsvector('english', description), 'C')) STORED);
        \(searchIndex);
        CREATE TABLE reviews (
          id uuid PRIMARY KEY, product_id uuid NOT NULL REFERENCES products(id), user_id uuid NOT NULL REFERENCES users(id),
          rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5), title text NOT NULL, body text NOT NULL,
          verified_purchase boolean NOT NULL, created_at timestamptz NOT NULL, UNIQUE (product_id, user_id));

        """

    private static let commerce = """
        CREATE TABLE carts (owner text PRIMARY KEY, updated_at timestamptz NOT NULL);
        CREATE TABLE cart_lines (
          owner text NOT NULL REFERENCES carts(owner) ON DELETE CASCADE, product_id uuid NOT NULL, quantity integer NOT NULL,
          position integer NOT NULL, PRIMARY KEY (owner, product_id));
        CREATE TABLE promo_codes (
          code text PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('percent', 'fixed')), value bigint NOT NULL,
          currency text, valid_from timestamptz NOT NULL, valid_until timestamptz NOT NULL, usage_limit bigint,
          times_used bigint NOT NULL DEFAULT 0, minimum_amount bigint, minimum_currency text);
        CREATE TABLE orders (
          id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), status text NOT NULL, currency text NOT NULL,
          subtotal bigint NOT NULL, discount bigint NOT NULL, shipping bigint NOT NULL, tax bigint NOT NULL,
          total bigint NOT NULL, refunded bigint NOT NULL DEFAULT 0 CHECK (refunded <= total), promo_code text,
          ship_name text NOT NULL, ship_line1 text NOT NULL, ship_city text NOT NULL, ship_postal_code text NOT NULL,
          ship_country text NOT NULL, payment_method text NOT NULL, created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL);
        CREATE TABLE order_lines (
          order_id uuid NOT NULL REFERENCES orders(id), position integer NOT NULL, product_id uuid NOT NULL,
          sku text NOT NULL, name text NOT NULL, unit_price bigint NOT NULL, quantity integer NOT NULL CHECK (quantity > 0),
          PRIMARY KEY (order_id, position));
        CREATE TABLE idempotency_keys (
          user_id uuid NOT NULL, endpoint text NOT NULL, idempotency_key text NOT NULL, fingerprint text NOT NULL,
          order_id uuid NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (user_id, endpoint, idempotency_key));
        CREATE TABLE payment_intents (
          id text PRIMARY KEY, order_id uuid NOT NULL REFERENCES orders(id), amount bigint NOT NULL,
          currency text NOT NULL, status text NOT NULL, failure_code text, created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL);
        CREATE TABLE refunds (
          id uuid PRIMARY KEY, order_id uuid NOT NULL REFERENCES orders(id), amount bigint NOT NULL CHECK (amount > 0),
          currency text NOT NULL, gateway_reference text, reason text, created_at timestamptz NOT NULL);

        """

    private static let events = """
        CREATE TABLE outbox_events (
          sequence bigserial UNIQUE, id uuid PRIMARY KEY, kind text NOT NULL, order_id uuid NOT NULL, user_id uuid NOT NULL, payload text NOT NULL,
          occurred_at timestamptz NOT NULL, delivered_at timestamptz, attempts integer NOT NULL DEFAULT 0);
        CREATE TABLE notifications (
          id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), event_id uuid NOT NULL UNIQUE,
          kind text NOT NULL, title text NOT NULL, body text NOT NULL, order_id uuid, created_at timestamptz NOT NULL,
          read_at timestamptz);
        """
}
