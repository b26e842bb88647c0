import EmporiumCore

/// The statements of one checkout, run inside a transaction: claim the idempotency key, insert the order, its
/// lines and its `order.placed` event, empty the cart and reserve the stock of every line (one round trip on
/// PostgreSQL), then count the promo code's use. Any failure throws and the transaction rolls back.
///
/// - The key is claimed by a plain insert: a key already held fails it with a unique violation (after the holder
///   commits, when it is still running), which ``SQLOrderRepository`` reports as an already claimed key.
/// - Stock is reserved by one conditional update, so stock never goes below zero. It locks the products in id
///   order (``SQLDialect/productIDsLockedInOrder(_:)``), as order transitions do: two transactions on the same
///   products wait for each other instead of deadlocking. (PostgreSQL breaks a deadlock anyway, and the
///   transaction is retried, but only after its `deadlock_timeout`, a second by default.)
/// - The writes that lock shared rows come last, so that other buyers wait for this transaction's commit only.
struct CheckoutTransaction {
    let session: any SQLSession
    let dialect: SQLDialect
    let placement: OrderPlacement

    func run() async throws {
        var statements = [
            keyClaim, OrderRows.insert(placement.order), OrderRows.insertLines(placement.order),
            OrderRows.insert(placement.event),
        ]
        if let cart = placement.emptiedCart { statements.append(SQLCartRepository.deletion(of: cart)) }
        statements.append(stockReservation)
        let reserved = try await session.rows(together: statements)
        try await checkReservations(reserved)
        if let code = placement.order.promoCode { try await countPromoUse(code) }
    }

    private var keyClaim: SQLStatement {
        let scope = placement.idempotency
        return SQLStatement(
            """
            INSERT INTO idempotency_keys (user_id, endpoint, idempotency_key, fingerprint, order_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(scope.userID.uuid), .text(scope.endpoint), .text(scope.key), .text(placement.requestFingerprint),
                .uuid(placement.order.id.uuid), .date(placement.order.createdAt),
            ],
            table: "idempotency_keys"
        )
    }

    /// Adds each line's quantity to its product's reservation where enough is available; returns the products
    /// it reserved, with their price.
    private var stockReservation: SQLStatement {
        let lines = placement.order.lines
        let quantityByProduct = "CASE id" + String(repeating: " WHEN ? THEN ?", count: lines.count) + " END"
        let quantities = lines.flatMap { line -> [SQLValue] in
            [.uuid(line.productID.uuid), .integer(Int64(line.quantity))]
        }
        return SQLStatement(
            """
            UPDATE products SET reserved = reserved + \(quantityByProduct)
            WHERE \(dialect.productIDsLockedInOrder(lines.count)) AND active = ?
              AND on_hand - reserved >= \(quantityByProduct)
            RETURNING id, price_amount
            """,
            quantities + lines.map { .uuid($0.productID.uuid) } + [.bool(true)] + quantities,
            table: "products"
        )
    }

    private func checkReservations(_ reserved: [SQLRow]) async throws {
        let prices = try Dictionary(
            reserved.map { row in (try row.id("id") as Identifier<Product>, try row.int("price_amount")) },
            uniquingKeysWith: { first, _ in first }
        )
        var shortages: [StockShortage] = []
        for line in placement.order.lines {
            guard let price = prices[line.productID] else {
                shortages.append(try await shortage(of: line))
                continue
            }
            guard price == line.unitPrice.amount else { throw priceChanged(line) }
        }
        guard shortages.isEmpty else { throw DomainError.outOfStock(shortages) }
    }

    private func shortage(of line: OrderLine) async throws -> StockShortage {
        let row = try await session.firstRow(
            SQLStatement(
                "SELECT on_hand - reserved AS available, active FROM products WHERE id = ?",
                [.uuid(line.productID.uuid)],
                table: "products"
            )
        )
        let available = try row.map { try $0.bool("active") ? Int($0.int("available")) : 0 } ?? 0
        return StockShortage(productID: line.productID, sku: line.sku, requested: line.quantity, available: available)
    }

    private func countPromoUse(_ code: String) async throws {
        let counted = try await session.firstRow(
            SQLStatement(
                """
                UPDATE promo_codes SET times_used = times_used + 1
                WHERE code = ? AND (usage_limit IS NULL OR times_used < usage_limit) RETURNING code
                """,
                [.text(code)],
                table: "promo_codes"
            )
        )
        guard counted == nil else { return }
        throw DomainError(
            .promoCodeRejected,
            "promo code \(code) has been used up",
            details: ["promo_code": .string(code), "reason": .string("used_up")]
        )
    }

    private func priceChanged(_ line: OrderLine) -> DomainError {
        DomainError(
            .conflict,
            "the price of \(line.sku) changed during checkout; review the cart and try again",
            details: ["product_id": .string(line.productID.description), "field": .string("price")]
        )
    }
}
