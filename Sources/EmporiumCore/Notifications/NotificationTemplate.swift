import FoundationEssentials

/// The words of a notification about an order event: a feed entry and an email.
public enum NotificationTemplate {
    /// The in-app feed entry for an event, dated when the event happened, so the feed keeps an order's story
    /// in order however its events were delivered.
    public static func notification(for event: OutboxEvent) -> Notification {
        let (title, sentence) = wording(event.kind)
        return Notification(
            userID: event.userID,
            eventID: event.id,
            kind: event.kind,
            title: title,
            body: "Order \(shortID(event.orderID)) \(sentence)",
            orderID: event.orderID,
            createdAt: event.occurredAt
        )
    }

    /// The email for an event. Its id is the event's, so a redelivered event is the same message.
    public static func mail(for event: OutboxEvent, to user: User) -> MailMessage {
        let (title, sentence) = wording(event.kind)
        let total = total(in: event.payload).map { "\nOrder total: \($0)\n" } ?? ""
        return MailMessage(
            id: event.id.description,
            to: user.email,
            subject: "\(title): order \(shortID(event.orderID))",
            body: """
                Hello \(user.name),

                your order \(event.orderID) \(sentence)
                \(total)
                Thank you for shopping at Emporium.
                """
        )
    }

    private static func wording(_ kind: OrderEventKind) -> (title: String, sentence: String) {
        switch kind {
        case .placed: ("Order received", "was received and awaits payment.")
        case .paid: ("Payment received", "is paid and being prepared.")
        case .paymentFailed: ("Payment failed", "could not be paid; nothing was charged.")
        case .canceled: ("Order canceled", "was canceled; any payment is refunded.")
        case .shipped: ("Order shipped", "is on its way.")
        case .delivered: ("Order delivered", "was delivered.")
        case .refunded: ("Refund issued", "was refunded in part or in full.")
        }
    }

    private static func shortID(_ id: Identifier<Order>) -> String {
        String(id.description.prefix(8))
    }

    /// The total from an event's payload (`{"total":{"amount":…,"currency":…}}`), as text.
    private static func total(in payload: String) -> String? {
        struct Payload: Decodable { var total: Money }
        return (try? JSONDecoder().decode(Payload.self, from: Data(payload.utf8)))?.total.description
    }
}
