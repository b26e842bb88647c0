public import EmporiumCore
public import FoundationEssentials

/// The outbox of domain events over SQLite or PostgreSQL.
public struct SQLOutboxRepository: OutboxRepository {
    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// Events in the order they were written (a sequence column, not the clock, which can tie).
    public func pendingEvents(limit: Int) async throws -> [OutboxEvent] {
        let statement = SQLStatement(
            """
            SELECT id, kind, order_id, user_id, payload, occurred_at, attempts FROM outbox_events
            WHERE delivered_at IS NULL ORDER BY sequence LIMIT ?
            """,
            [.integer(Int64(min(max(limit, 1), 1_000)))],
            table: "outbox_events"
        )
        return try await database.rows(statement).map { row in
            guard let kind = OrderEventKind(rawValue: try row.string("kind")) else {
                throw SQLRowError(column: "kind", expected: "an order event kind", found: row["kind"])
            }
            return try OutboxEvent(
                id: row.id("id"),
                kind: kind,
                orderID: row.id("order_id"),
                userID: row.id("user_id"),
                payload: row.string("payload"),
                occurredAt: row.date("occurred_at"),
                attempts: Int(row.int("attempts"))
            )
        }
    }

    public func markDelivered(_ ids: [Identifier<OutboxEvent>], at moment: Date) async throws {
        guard !ids.isEmpty else { return }
        try await database.execute(
            SQLStatement(
                "UPDATE outbox_events SET delivered_at = ?, attempts = attempts + 1 WHERE id IN (\(SQLStatement.placeholders(ids.count)))",
                [.date(moment)] + ids.map { .uuid($0.uuid) },
                table: "outbox_events"
            )
        )
    }

    public func markAttempted(_ ids: [Identifier<OutboxEvent>]) async throws {
        guard !ids.isEmpty else { return }
        try await database.execute(
            SQLStatement(
                "UPDATE outbox_events SET attempts = attempts + 1 WHERE id IN (\(SQLStatement.placeholders(ids.count)))",
                ids.map { .uuid($0.uuid) },
                table: "outbox_events"
            )
        )
    }

    public func backlog() async throws -> OutboxBacklog {
        let statement = SQLStatement(
            "SELECT COUNT(*) AS pending, MIN(occurred_at) AS oldest FROM outbox_events WHERE delivered_at IS NULL",
            table: "outbox_events"
        )
        guard let row = try await database.firstRow(statement) else {
            return OutboxBacklog(pending: 0, oldestOccurredAt: nil)
        }
        return try OutboxBacklog(pending: Int(row.int("pending")), oldestOccurredAt: row.optionalDate("oldest"))
    }
}
