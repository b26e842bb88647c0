import EmporiumCore
import FoundationEssentials

/// An entry of the in-app feed.
struct NotificationBody: Encodable {
    var id: Identifier<EmporiumCore.Notification>
    var kind: OrderEventKind
    var title: String
    var body: String
    var orderID: Identifier<Order>?
    var createdAt: Date
    var readAt: Date?

    init(_ notification: EmporiumCore.Notification) {
        id = notification.id
        kind = notification.kind
        title = notification.title
        body = notification.body
        orderID = notification.orderID
        createdAt = notification.createdAt
        readAt = notification.readAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, body
        case orderID = "order_id"
        case createdAt = "created_at"
        case readAt = "read_at"
    }
}
