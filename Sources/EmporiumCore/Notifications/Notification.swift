public import FoundationEssentials

/// An entry of a user's in-app feed, made from an outbox event. The event id makes delivery idempotent:
/// the same event never makes two notifications.
public struct Notification: Sendable, Hashable, Identifiable {
    public var id: Identifier<Notification>
    public var userID: Identifier<User>
    /// The outbox event this notification came from.
    public var eventID: Identifier<OutboxEvent>
    public var kind: OrderEventKind
    public var title: String
    public var body: String
    public var orderID: Identifier<Order>?
    public var createdAt: Date
    public var readAt: Date?

    /// Creates a notification.
    public init(
        id: Identifier<Notification> = .init(),
        userID: Identifier<User>,
        eventID: Identifier<OutboxEvent>,
        kind: OrderEventKind,
        title: String,
        body: String,
        orderID: Identifier<Order>?,
        createdAt: Date,
        readAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.eventID = eventID
        self.kind = kind
        self.title = title
        self.body = body
        self.orderID = orderID
        self.createdAt = createdAt
        self.readAt = readAt
    }
}
