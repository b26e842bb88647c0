public import FoundationEssentials
import Tracing

/// Delivers outbox events at least once: each becomes an entry in its user's feed and an email. The feed
/// ignores an event it has seen and the email keeps the event's id, so a redelivery changes nothing; an event
/// is marked delivered only after both succeeded, so a failing mail server never loses one.
public struct OutboxDispatcher: Sendable {
    /// What one pass did.
    public struct Pass: Sendable, Hashable {
        public var delivered = 0
        public var failed = 0
        /// What was still pending after the pass.
        public var backlog = OutboxBacklog(pending: 0, oldestOccurredAt: nil)
    }

    let outbox: any OutboxRepository
    let notifications: any NotificationRepository
    let users: any UserRepository
    let mailer: any Mailer
    let now: @Sendable () -> Date

    /// Creates the dispatcher.
    public init(storage: Storage, mailer: any Mailer, now: @escaping @Sendable () -> Date = { Date() }) {
        self.outbox = storage.outbox
        self.notifications = storage.notifications
        self.users = storage.users
        self.mailer = mailer
        self.now = now
    }

    /// Delivers up to `limit` of the oldest pending events. A pass with events is one trace, each event a
    /// span in it; an idle pass is not traced.
    public func dispatchPending(limit: Int = 100) async throws -> Pass {
        var pass = Pass()
        let events = try await outbox.pendingEvents(limit: limit)
        if !events.isEmpty {
            try await withSpan("outbox dispatch", ofKind: .internal) { span in
                span.attributes["messaging.batch.message_count"] = events.count
                var delivered: [Identifier<OutboxEvent>] = []
                for event in events {
                    do {
                        try await deliver(event)
                        delivered.append(event.id)
                    } catch {
                        pass.failed += 1
                        try await outbox.markAttempted(event.id)
                    }
                }
                try await outbox.markDelivered(delivered, at: now())
                pass.delivered = delivered.count
            }
        }
        pass.backlog = try await outbox.backlog()
        return pass
    }

    private func deliver(_ event: OutboxEvent) async throws {
        try await withSpan("outbox deliver \(event.kind.rawValue)", ofKind: .producer) { span in
            span.attributes["messaging.message.id"] = event.id.description
            span.attributes["emporium.order.id"] = event.orderID.description
            span.attributes["emporium.outbox.attempts"] = event.attempts
            _ = try await notifications.insertOnce(NotificationTemplate.notification(for: event, at: now()))
            guard let user = try await users.user(id: event.userID) else { return }
            try await mailer.send(NotificationTemplate.mail(for: event, to: user))
        }
    }
}
