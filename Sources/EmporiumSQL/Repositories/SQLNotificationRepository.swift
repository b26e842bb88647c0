public import EmporiumCore

/// The in-app notification feed over SQLite or PostgreSQL; one notification per outbox event at most.
public struct SQLNotificationRepository: NotificationRepository {
    static let columns = "id, user_id, event_id, kind, title, body, order_id, created_at, read_at"

    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// One multi-row insert; a notification whose event already has one (the unique `event_id`) is skipped.
    public func insertOnce(_ notifications: [Notification]) async throws -> Int {
        let rows = notifications.map { notification -> [SQLValue] in
            [
                .uuid(notification.id.uuid), .uuid(notification.userID.uuid), .uuid(notification.eventID.uuid),
                .text(notification.kind.rawValue), .text(notification.title), .text(notification.body),
                notification.orderID.map { .uuid($0.uuid) } ?? .null, .date(notification.createdAt),
                notification.readAt.sqlValue,
            ]
        }
        return try await database.insert(
            into: "notifications",
            columns: Self.columns,
            rows: rows,
            skippingExisting: true
        )
    }

    public func notifications(of userID: Identifier<User>, limit: Int) async throws -> [Notification] {
        let statement = SQLStatement(
            "SELECT \(Self.columns) FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?",
            [.uuid(userID.uuid), .integer(Int64(min(max(limit, 1), 100)))],
            table: "notifications"
        )
        return try await database.rows(statement).map { row in
            guard let kind = OrderEventKind(rawValue: try row.string("kind")) else {
                throw SQLRowError(column: "kind", expected: "an order event kind", found: row["kind"])
            }
            return try Notification(
                id: row.id("id"),
                userID: row.id("user_id"),
                eventID: row.id("event_id"),
                kind: kind,
                title: row.string("title"),
                body: row.string("body"),
                orderID: row.optionalID("order_id"),
                createdAt: row.date("created_at"),
                readAt: row.optionalDate("read_at")
            )
        }
    }
}
