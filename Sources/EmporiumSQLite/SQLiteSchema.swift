import EmporiumSQL
import GRDB

/// The SQLite schema as GRDB migrations. Identifiers are lower-case UUID text, times are Unix milliseconds,
/// money is integer minor units. `products_fts` is an FTS5 index over name, brand and description, kept in step
/// by triggers.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: users, catalog, carts, orders, payments, outbox") { db in
            try db.execute(sql: users + catalog + commerce + events + "\n" + SQLSchemaIndexes.sql)
        }
        migrator.registerMigration("v2: webhook events, order and session indexes") { db in
            try db.execute(sql: webhookEvents + SQLSchemaIndexes.script(SQLSchemaIndexes.version2))
        }
        return migrator
    }

    /// What a bulk load into an empty catalog drops and rebuilds: the catalog indexes and the trigger that
    /// indexes each new product's text; FTS5's `rebuild` then indexes all of them at once.
    static let catalogBulkLoad = CatalogBulkLoad(
        before: ["DROP TRIGGER IF EXISTS products_fts_insert"] + SQLSchemaIndexes.dropping(SQLSchemaIndexes.catalog),
        after: SQLSchemaIndexes.catalog + [
            "INSERT INTO products_fts (products_fts) VALUES ('rebuild')", ftsInsertTrigger,
        ]
    )

    private static let ftsInsertTrigger = """
        CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
          INSERT INTO products_fts (rowid, name, brand, description)
          VALUES (new.rowid, new.name, coalesce(new.brand, ''), new.description);
        END
        """

    private static let users = """
        CREATE TABLE users (
          id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('customer', 'seller', 'admin')), password_hash TEXT NOT NULL,
          created_at INTEGER NOT NULL);
        CREATE TABLE refresh_tokens (
          token_hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id),
          expires_at INTEGER NOT NULL, used_at INTEGER, revoked_at INTEGER);
        CREATE TABLE password_resets (
          token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), expires_at INTEGER NOT NULL,
          used_at INTEGER);
        CREATE TABLE login_attempts (
          id INTEGER PRIMARY KEY, email TEXT NOT NULL, client_address TEXT NOT NULL, attempted_at INTEGER NOT NULL);

        """

    private static let catalog = """
        CREATE TABLE categories (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE, parent_id TEXT REFERENCES categories(id));
        CREATE TABLE products (
          id TEXT NOT NULL UNIQUE, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL,
          price_amount INTEGER NOT NULL CHECK (price_amount >= 0), currency TEXT NOT NULL,
          category_id TEXT REFERENCES categories(id), brand TEXT, seller_id TEXT REFERENCES users(id),
          attributes TEXT NOT NULL DEFAULT '{}', active INTEGER NOT NULL DEFAULT 1,
          on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
          reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
          rating_count INTEGER NOT NULL DEFAULT 0, rating_sum INTEGER NOT NULL DEFAULT 0,
          rating_average REAL NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
        CREATE VIRTUAL TABLE products_fts USING fts5(
          name, brand, description, content='products', content_rowid='rowid', tokenize='porter unicode61');
        \(ftsInsertTrigger);
        CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
          INSERT INTO products_fts (products_fts, rowid, name, brand, description)
          VALUES ('delete', old.rowid, old.name, coalesce(old.brand, ''), old.description);
        END;
        CREATE TRIGGER products_fts_update AFTER UPDATE OF name, brand, description ON products BEGIN
          INSERT INTO products_fts (products_fts, rowid, name, brand, description)
          VALUES ('delete', old.rowid, old.name, coalesce(old.brand, ''), old.description);
          INSERT INTO products_fts (rowid, name, brand, description)
          VALUES (new.rowid, new.name, coalesce(new.brand, ''), new.description);
        END;
        CREATE TABLE reviews (
          id TEXT PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products(id), user_id TEXT NOT NULL REFERENCES users(id),
          rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5), title TEXT NOT NULL, body TEXT NOT NULL,
          verified_purchase INTEGER NOT NULL, created_at INTEGER NOT NULL, UNIQUE (product_id, user_id));

        """

    private static let commerce = """
        CREATE TABLE carts (owner TEXT PRIMARY KEY, updated_at INTEGER NOT NULL);
        CREATE TABLE cart_lines (
          owner TEXT NOT NULL REFERENCES carts(owner) ON DELETE CASCADE, product_id TEXT NOT NULL, quantity INTEGER NOT NULL,
          position INTEGER NOT NULL, PRIMARY KEY (owner, product_id));
        CREATE TABLE promo_codes (
          code TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')), value INTEGER NOT NULL,
          currency TEXT, valid_from INTEGER NOT NULL, valid_until INTEGER NOT NULL, usage_limit INTEGER,
          times_used INTEGER NOT NULL DEFAULT 0, minimum_amount INTEGER, minimum_currency TEXT);
        CREATE TABLE orders (
          id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), status TEXT NOT NULL, currency TEXT NOT NULL,
          subtotal INTEGER NOT NULL, discount INTEGER NOT NULL, shipping INTEGER NOT NULL, tax INTEGER NOT NULL,
          total INTEGER NOT NULL, refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded <= total), promo_code TEXT,
          ship_name TEXT NOT NULL, ship_line1 TEXT NOT NULL, ship_city TEXT NOT NULL, ship_postal_code TEXT NOT NULL,
          ship_country TEXT NOT NULL, payment_method TEXT NOT NULL, created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL);
        CREATE TABLE order_lines (
          order_id TEXT NOT NULL REFERENCES orders(id), position INTEGER NOT NULL, product_id TEXT NOT NULL,
          sku TEXT NOT NULL, name TEXT NOT NULL, unit_price INTEGER NOT NULL, quantity INTEGER NOT NULL CHECK (quantity > 0),
          PRIMARY KEY (order_id, position));
        CREATE TABLE idempotency_keys (
          user_id TEXT NOT NULL, endpoint TEXT NOT NULL, idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
          order_id TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, endpoint, idempotency_key));
        CREATE TABLE payment_intents (
          id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders(id), amount INTEGER NOT NULL,
          currency TEXT NOT NULL, status TEXT NOT NULL, failure_code TEXT, created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL);
        CREATE TABLE refunds (
          id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders(id), amount INTEGER NOT NULL CHECK (amount > 0),
          currency TEXT NOT NULL, gateway_reference TEXT, reason TEXT, created_at INTEGER NOT NULL);

        """

    private static let webhookEvents = """
        CREATE TABLE webhook_events (id TEXT PRIMARY KEY, type TEXT NOT NULL, received_at INTEGER NOT NULL);

        """

    private static let events = """
        CREATE TABLE outbox_events (
          sequence INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, order_id TEXT NOT NULL, user_id TEXT NOT NULL, payload TEXT NOT NULL,
          occurred_at INTEGER NOT NULL, delivered_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE notifications (
          id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), event_id TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, order_id TEXT, created_at INTEGER NOT NULL,
          read_at INTEGER);
        """
}
