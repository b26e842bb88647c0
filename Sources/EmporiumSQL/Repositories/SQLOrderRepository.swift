public import EmporiumCore

/// Orders over SQLite or PostgreSQL, with the checkout transaction and order transitions.
public struct SQLOrderRepository: OrderRepository {
    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func place(_ placement: OrderPlacement) async throws -> PlacementResult {
        do {
            try await database.transaction("checkout") { session in
                try await CheckoutTransaction(session: session, dialect: database.dialect, placement: placement).run()
            }
            return .placed
        } catch let violation as SQLConstraintViolation
            where violation.kind == .unique && violation.mentions("idempotency_keys")
        {
            // The key's insert waited for the request holding it to commit, then failed: nothing was written.
            return .keyAlreadyClaimed
        }
    }

    public func idempotencyRecord(_ scope: IdempotencyScope) async throws -> IdempotencyRecord? {
        let statement = SQLStatement(
            """
            SELECT fingerprint, order_id FROM idempotency_keys
            WHERE user_id = ? AND endpoint = ? AND idempotency_key = ?
            """,
            [.uuid(scope.userID.uuid), .text(scope.endpoint), .text(scope.key)],
            table: "idempotency_keys"
        )
        return try await database.firstRow(statement).map { row in
            try IdempotencyRecord(requestFingerprint: row.string("fingerprint"), orderID: row.id("order_id"))
        }
    }

    public func order(id: Identifier<Order>) async throws -> Order? {
        try await OrderRows.load(database, where: "id = ?", [.uuid(id.uuid)]).first
    }

    public func orders(of userID: Identifier<User>, limit: Int) async throws -> [Order] {
        try await OrderRows.load(
            database,
            where: "user_id = ? ORDER BY created_at DESC, id LIMIT ?",
            [.uuid(userID.uuid), .integer(Int64(min(max(limit, 1), 100)))]
        )
    }

    public func orders(matching filter: OrderFilter) async throws -> [Order] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let status = filter.status {
            conditions.append("status = ?")
            binds.append(.text(status.rawValue))
        }
        if let placedBefore = filter.placedBefore {
            conditions.append("created_at < ?")
            binds.append(.date(placedBefore))
        }
        if let cursor = filter.cursor {
            conditions.append("(created_at < ? OR (created_at = ? AND id > ?))")
            binds += [.date(cursor.placedAt), .date(cursor.placedAt), .uuid(cursor.orderID.uuid)]
        }
        let condition = conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND ")
        return try await OrderRows.load(
            database,
            where: "\(condition) ORDER BY created_at DESC, id LIMIT ?",
            binds + [.integer(Int64(filter.limit))]
        )
    }

    public func apply(_ transition: OrderTransition) async throws {
        try await database.transaction("order transition") { session in
            try await Self.apply(transition, in: session)
        }
    }

    public func refunds(of orderID: Identifier<Order>) async throws -> [Refund] {
        let statement = SQLStatement(
            """
            SELECT id, order_id, amount, currency, gateway_reference, reason, created_at FROM refunds
            WHERE order_id = ? ORDER BY created_at, id
            """,
            [.uuid(orderID.uuid)],
            table: "refunds"
        )
        return try await database.rows(statement).map { row in
            try Refund(
                id: row.id("id"),
                orderID: row.id("order_id"),
                amount: row.money("amount"),
                gatewayReference: row.optionalString("gateway_reference"),
                reason: row.optionalString("reason"),
                createdAt: row.date("created_at")
            )
        }
    }

    private static func apply(_ transition: OrderTransition, in session: any SQLSession) async throws {
        let order = transition.order
        let updated = try await session.firstRow(
            SQLStatement(
                "UPDATE orders SET status = ?, refunded = ?, updated_at = ? WHERE id = ? AND status = ? RETURNING id",
                [
                    .text(order.status.rawValue), .integer(order.refunded.amount), .date(order.updatedAt),
                    .uuid(order.id.uuid), .text(transition.expectedStatus.rawValue),
                ],
                table: "orders"
            )
        )
        guard updated != nil else {
            throw DomainError(
                .illegalTransition,
                "order \(order.id) changed while this request ran; reload it and try again",
                details: ["expected_status": .string(transition.expectedStatus.rawValue)]
            )
        }
        for action in transition.actions {
            let moves = stockMoves(for: action)
            guard !moves.isEmpty else { continue }
            let assignments = moves.map { "\($0.column) = \($0.column) \($0.sign) ?" }.joined(separator: ", ")
            for line in order.lines.sorted(by: { $0.productID < $1.productID }) {
                let quantity = SQLValue.integer(Int64(line.quantity))
                try await session.execute(
                    SQLStatement(
                        "UPDATE products SET \(assignments) WHERE id = ?",
                        Array(repeating: quantity, count: moves.count) + [.uuid(line.productID.uuid)],
                        table: "products"
                    )
                )
            }
        }
        if let refund = transition.refund { try await session.execute(insert(refund)) }
        for event in transition.events { try await session.execute(OrderRows.insert(event)) }
    }

    /// The stock columns an action moves by each line's quantity, and in which direction.
    private static func stockMoves(for action: OrderStateMachine.Action) -> [(column: String, sign: String)] {
        switch action {
        case .commitReservedStock: [("on_hand", "-"), ("reserved", "-")]
        case .releaseReservedStock: [("reserved", "-")]
        case .restock: [("on_hand", "+")]
        case .refundPayment, .publish: []
        }
    }

    private static func insert(_ refund: Refund) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO refunds (id, order_id, amount, currency, gateway_reference, reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(refund.id.uuid), .uuid(refund.orderID.uuid), .integer(refund.amount.amount),
                .text(refund.amount.currency.code), refund.gatewayReference.sqlValue, refund.reason.sqlValue,
                .date(refund.createdAt),
            ],
            table: "refunds"
        )
    }
}
