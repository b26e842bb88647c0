public import FoundationEssentials

/// What happened to an order, as published to the outbox.
public enum OrderEventKind: String, Sendable, Hashable, Codable, CaseIterable {
    case placed = "order.placed"
    case paid = "order.paid"
    case paymentFailed = "order.payment_failed"
    case canceled = "order.canceled"
    case shipped = "order.shipped"
    case delivered = "order.delivered"
    case refunded = "order.refunded"
}

/// A domain event written in the same transaction as the change it describes, and delivered at least once
/// afterwards by a dispatcher. Consumers deduplicate by ``id``.
public struct OutboxEvent: Sendable, Hashable, Identifiable {
    public var id: Identifier<OutboxEvent>
    public var kind: OrderEventKind
    public var orderID: Identifier<Order>
    public var userID: Identifier<User>
    /// A compact JSON object with the event's facts (status, total).
    public var payload: String
    public var occurredAt: Date
    /// Set once a dispatcher delivered it.
    public var deliveredAt: Date?
    /// Delivery attempts so far.
    public var attempts: Int

    /// Creates an undelivered event.
    public init(
        id: Identifier<OutboxEvent> = .init(),
        kind: OrderEventKind,
        orderID: Identifier<Order>,
        userID: Identifier<User>,
        payload: String,
        occurredAt: Date,
        deliveredAt: Date? = nil,
        attempts: Int = 0
    ) {
        self.id = id
        self.kind = kind
        self.orderID = orderID
        self.userID = userID
        self.payload = payload
        self.occurredAt = occurredAt
        self.deliveredAt = deliveredAt
        self.attempts = attempts
    }

    /// The event for an order's change, with its status and total as payload.
    public static func describing(_ order: Order, kind: OrderEventKind, at now: Date) -> OutboxEvent {
        let total = order.totals.total
        let payload =
            #"{"order_id":"\#(order.id)","status":"\#(order.status.rawValue)","#
            + #""total":{"amount":\#(total.amount),"currency":"\#(total.currency)"}}"#
        return OutboxEvent(kind: kind, orderID: order.id, userID: order.userID, payload: payload, occurredAt: now)
    }
}

/// How far the outbox is behind: what dashboards show as backlog and age.
public struct OutboxBacklog: Sendable, Hashable {
    public var pending: Int
    public var oldestOccurredAt: Date?

    /// Creates a backlog summary.
    public init(pending: Int, oldestOccurredAt: Date?) {
        self.pending = pending
        self.oldestOccurredAt = oldestOccurredAt
    }
}
