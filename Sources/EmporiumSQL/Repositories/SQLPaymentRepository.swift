public import EmporiumCore
public import FoundationEssentials

/// Payment intents over SQLite or PostgreSQL.
public struct SQLPaymentRepository: PaymentRepository {
    static let columns = "id, order_id, amount, currency, status, failure_code, created_at, updated_at"

    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func save(_ intent: PaymentIntent) async throws {
        try await database.execute(
            SQLStatement(
                """
                INSERT INTO payment_intents (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, failure_code = excluded.failure_code,
                  updated_at = excluded.updated_at
                """,
                [
                    .text(intent.id), .uuid(intent.orderID.uuid), .integer(intent.amount.amount),
                    .text(intent.amount.currency.code), .text(intent.status.rawValue), intent.failureCode.sqlValue,
                    .date(intent.createdAt), .date(intent.updatedAt),
                ],
                table: "payment_intents"
            )
        )
    }

    public func paymentIntent(id: String) async throws -> PaymentIntent? {
        try await intent(where: "id = ?", .text(id))
    }

    public func paymentIntent(orderID: Identifier<Order>) async throws -> PaymentIntent? {
        try await intent(where: "order_id = ? ORDER BY created_at DESC, id LIMIT 1", .uuid(orderID.uuid))
    }

    public func isWebhookEventRecorded(id: String) async throws -> Bool {
        let statement = SQLStatement(
            "SELECT 1 AS recorded FROM webhook_events WHERE id = ?",
            [.text(id)],
            table: "webhook_events"
        )
        return try await database.firstRow(statement) != nil
    }

    public func recordWebhookEvent(id: String, type: String, at moment: Date) async throws {
        try await database.execute(
            SQLStatement(
                "INSERT INTO webhook_events (id, type, received_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                [.text(id), .text(type), .date(moment)],
                table: "webhook_events"
            )
        )
    }

    private func intent(where condition: String, _ value: SQLValue) async throws -> PaymentIntent? {
        let statement = SQLStatement(
            "SELECT \(Self.columns) FROM payment_intents WHERE \(condition)",
            [value],
            table: "payment_intents"
        )
        return try await database.firstRow(statement).map { row in
            guard let status = PaymentIntentStatus(rawValue: try row.string("status")) else {
                throw SQLRowError(column: "status", expected: "a payment intent status", found: row["status"])
            }
            return try PaymentIntent(
                id: row.string("id"),
                orderID: row.id("order_id"),
                amount: row.money("amount"),
                status: status,
                failureCode: row.optionalString("failure_code"),
                createdAt: row.date("created_at"),
                updatedAt: row.date("updated_at")
            )
        }
    }
}
