public import EmporiumCore
import FoundationEssentials

/// Carts over SQLite or PostgreSQL: the embedded default when no Redis is configured.
public struct SQLCartRepository: CartRepository {
    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func cart(of owner: CartOwner) async throws -> Cart {
        let key = Self.key(owner)
        let statement = SQLStatement(
            """
            SELECT c.updated_at, l.product_id, l.quantity FROM carts c
            LEFT JOIN cart_lines l ON l.owner = c.owner WHERE c.owner = ? ORDER BY l.position
            """,
            [.text(key)],
            table: "carts"
        )
        let rows = try await database.rows(statement)
        guard let first = rows.first else { return Cart(owner: owner, updatedAt: Date(unixMilliseconds: 0)) }
        let lines = try rows.filter { $0["product_id"] != .null }.map { row in
            try CartLine(productID: row.id("product_id"), quantity: Int(row.int("quantity")))
        }
        return Cart(owner: owner, lines: lines, updatedAt: try first.date("updated_at"))
    }

    public func save(_ cart: Cart) async throws {
        let key = Self.key(cart.owner)
        try await database.transaction("save cart") { session in
            try await session.execute(
                SQLStatement(
                    """
                    INSERT INTO carts (owner, updated_at) VALUES (?, ?)
                    ON CONFLICT (owner) DO UPDATE SET updated_at = excluded.updated_at
                    """,
                    [.text(key), .date(cart.updatedAt)],
                    table: "carts"
                )
            )
            try await session.execute(
                SQLStatement("DELETE FROM cart_lines WHERE owner = ?", [.text(key)], table: "cart_lines")
            )
            guard !cart.lines.isEmpty else { return }
            var binds: [SQLValue] = []
            for (position, line) in cart.lines.enumerated() {
                binds += [
                    .text(key), .uuid(line.productID.uuid), .integer(Int64(line.quantity)), .integer(Int64(position)),
                ]
            }
            let rows = Array(repeating: "(?, ?, ?, ?)", count: cart.lines.count).joined(separator: ", ")
            try await session.execute(
                SQLStatement(
                    "INSERT INTO cart_lines (owner, product_id, quantity, position) VALUES \(rows)",
                    binds,
                    table: "cart_lines"
                )
            )
        }
    }

    public func deleteCart(of owner: CartOwner) async throws {
        try await database.execute(Self.deletion(of: owner))
    }

    /// SQL orders live in the same database: ``SQLOrderRepository`` empties the cart in the checkout transaction.
    public var isEmptiedByCheckoutTransaction: Bool { true }

    /// Deletes a cart; its lines cascade.
    static func deletion(of owner: CartOwner) -> SQLStatement {
        SQLStatement("DELETE FROM carts WHERE owner = ?", [.text(key(owner))], table: "carts")
    }

    static func key(_ owner: CartOwner) -> String {
        switch owner {
        case .user(let id): "user:\(id)"
        case .guest(let token): "guest:\(token)"
        }
    }
}
