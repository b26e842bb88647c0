import EmporiumCore

/// How orders, their lines and outbox events map to tables.
enum OrderRows {
    static let columns = """
        id, user_id, status, currency, subtotal, discount, shipping, tax, total, refunded, promo_code, ship_name, \
        ship_line1, ship_city, ship_postal_code, ship_country, payment_method, created_at, updated_at
        """

    static func insert(_ order: Order) -> SQLStatement {
        let totals = order.totals
        let address = order.shippingAddress
        return SQLStatement(
            "INSERT INTO orders (\(columns)) VALUES (\(SQLStatement.placeholders(19)))",
            [
                .uuid(order.id.uuid), .uuid(order.userID.uuid), .text(order.status.rawValue),
                .text(totals.total.currency.code), .integer(totals.subtotal.amount), .integer(totals.discount.amount),
                .integer(totals.shipping.amount), .integer(totals.tax.amount), .integer(totals.total.amount),
                .integer(order.refunded.amount), order.promoCode.sqlValue, .text(address.name), .text(address.line1),
                .text(address.city), .text(address.postalCode), .text(address.country), .text(order.paymentMethod),
                .date(order.createdAt), .date(order.updatedAt),
            ],
            table: "orders"
        )
    }

    static func insertLines(_ order: Order) -> SQLStatement {
        var binds: [SQLValue] = []
        for (position, line) in order.lines.enumerated() {
            binds += [
                .uuid(order.id.uuid), .integer(Int64(position)), .uuid(line.productID.uuid), .text(line.sku),
                .text(line.name), .integer(line.unitPrice.amount), .integer(Int64(line.quantity)),
            ]
        }
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: order.lines.count).joined(separator: ", ")
        return SQLStatement(
            "INSERT INTO order_lines (order_id, position, product_id, sku, name, unit_price, quantity) VALUES \(values)",
            binds,
            table: "order_lines"
        )
    }

    static func insert(_ event: OutboxEvent) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO outbox_events (id, kind, order_id, user_id, payload, occurred_at, delivered_at, attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(event.id.uuid), .text(event.kind.rawValue), .uuid(event.orderID.uuid), .uuid(event.userID.uuid),
                .text(event.payload), .date(event.occurredAt), event.deliveredAt.sqlValue,
                .integer(Int64(event.attempts)),
            ],
            table: "outbox_events"
        )
    }

    /// Loads orders by a condition, with their lines, in the condition's order.
    static func load(_ session: any SQLSession, where condition: String, _ binds: [SQLValue]) async throws -> [Order] {
        let orderRows = try await session.rows(
            SQLStatement("SELECT \(columns) FROM orders WHERE \(condition)", binds, table: "orders")
        )
        guard !orderRows.isEmpty else { return [] }
        let ids = try orderRows.map { try $0.id("id", as: Order.self) }
        let lineRows = try await session.rows(
            SQLStatement(
                """
                SELECT order_id, product_id, sku, name, unit_price, quantity FROM order_lines
                WHERE order_id IN (\(SQLStatement.placeholders(ids.count))) ORDER BY order_id, position
                """,
                ids.map { .uuid($0.uuid) },
                table: "order_lines"
            )
        )
        var linesByOrder: [Identifier<Order>: [SQLRow]] = [:]
        for row in lineRows { linesByOrder[try row.id("order_id"), default: []].append(row) }
        return try orderRows.map { row in try decode(row, lines: linesByOrder[try row.id("id")] ?? []) }
    }

    private static func decode(_ row: SQLRow, lines: [SQLRow]) throws -> Order {
        let currency = try Currency(row.string("currency"))
        func money(_ column: String) throws -> Money { Money(try row.int(column), currency) }
        return try Order(
            id: row.id("id"),
            userID: row.id("user_id"),
            status: status(row.string("status")),
            lines: lines.map { line in
                try OrderLine(
                    productID: line.id("product_id"),
                    sku: line.string("sku"),
                    name: line.string("name"),
                    unitPrice: Money(line.int("unit_price"), currency),
                    quantity: Int(line.int("quantity"))
                )
            },
            totals: OrderTotals(
                subtotal: money("subtotal"),
                discount: money("discount"),
                shipping: money("shipping"),
                tax: money("tax")
            ),
            refunded: money("refunded"),
            promoCode: row.optionalString("promo_code"),
            shippingAddress: ShippingAddress(
                name: row.string("ship_name"),
                line1: row.string("ship_line1"),
                city: row.string("ship_city"),
                postalCode: row.string("ship_postal_code"),
                country: row.string("ship_country")
            ),
            paymentMethod: row.string("payment_method"),
            createdAt: row.date("created_at"),
            updatedAt: row.date("updated_at")
        )
    }

    private static func status(_ text: String) throws -> OrderStatus {
        guard let status = OrderStatus(rawValue: text) else {
            throw SQLRowError(column: "status", expected: "an order status", found: .text(text))
        }
        return status
    }
}
