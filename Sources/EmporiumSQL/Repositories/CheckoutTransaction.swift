import EmporiumCore

/// The statements of one checkout, run inside a transaction: claim the idempotency key, reserve every line in
/// product-id order (conditionally, so stock never goes below zero), count the promo code's use, and insert the
/// order, its lines and its `order.placed` event. Any failure throws and the transaction rolls back.
struct CheckoutTransaction {
    let session: any SQLSession
    let placement: OrderPlacement

    func run() async throws -> PlacementOutcome {
        if let existing = try await claimIdempotencyKey() { return existing }
        try await reserveStock()
        if let code = placement.order.promoCode { try await countPromoUse(code) }
        try await session.execute(OrderRows.insert(placement.order))
        try await session.execute(OrderRows.insertLines(placement.order))
        try await session.execute(OrderRows.insert(placement.event))
        return .placed(placement.order)
    }

    /// Inserts the key; if it exists, returns the order it made (same request) or throws (another request).
    private func claimIdempotencyKey() async throws -> PlacementOutcome? {
        let scope = placement.idempotency
        let claimed = try await session.firstRow(
            SQLStatement(
                """
                INSERT INTO idempotency_keys (user_id, endpoint, idempotency_key, fingerprint, order_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, endpoint, idempotency_key) DO NOTHING RETURNING order_id
                """,
                [
                    .uuid(scope.userID.uuid), .text(scope.endpoint), .text(scope.key),
                    .text(placement.requestFingerprint),
                    .uuid(placement.order.id.uuid), .date(placement.order.createdAt),
                ],
                table: "idempotency_keys"
            )
        )
        guard claimed == nil else { return nil }
        guard let record = try await SQLOrderRepository.idempotencyRecord(scope, in: session) else { return nil }
        guard record.requestFingerprint == placement.requestFingerprint else {
            throw DomainError.idempotencyKeyReused(scope)
        }
        let orders = try await OrderRows.load(session, where: "id = ?", [.uuid(record.orderID.uuid)])
        return orders.first.map(PlacementOutcome.replayed)
    }

    private func reserveStock() async throws {
        var shortages: [StockShortage] = []
        for line in placement.order.lines.sorted(by: { $0.productID < $1.productID }) {
            let reserved = try await session.firstRow(
                SQLStatement(
                    """
                    UPDATE products SET reserved = reserved + ?
                    WHERE id = ? AND active = ? AND on_hand - reserved >= ? RETURNING price_amount
                    """,
                    [
                        .integer(Int64(line.quantity)), .uuid(line.productID.uuid), .bool(true),
                        .integer(Int64(line.quantity)),
                    ],
                    table: "products"
                )
            )
            if let reserved {
                guard try reserved.int("price_amount") == line.unitPrice.amount else { throw priceChanged(line) }
            } else {
                shortages.append(try await shortage(of: line))
            }
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
