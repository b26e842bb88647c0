public import FoundationEssentials
import Tracing

/// Delivers outbox events at least once: each becomes an entry in its user's feed, an entry in the event
/// stream when there is a ``EventPublisher`` (Redis), and an email. The feed ignores an event it has seen and
/// the email keeps the event's id, so a redelivery changes nothing; an event is marked delivered only after all
/// succeeded, so a failing mail server or stream never loses one. Mail goes out only once the stream took the
/// batch: a stream that is down holds the mail back instead of sending it again on every retry.
///
/// A pass writes the feed entries of all its events in one statement, reads their users in one query, and
/// sends up to ``mailConcurrency`` mails at a time, so the dispatcher keeps up with a busy checkout.
public struct OutboxDispatcher: Sendable {
    /// What one pass did.
    public struct Pass: Sendable, Hashable {
        public var delivered = 0
        public var failed = 0
        /// What was still pending after the pass.
        public var backlog = OutboxBacklog(pending: 0, oldestOccurredAt: nil)
    }

    /// How many mails one pass sends at the same time.
    public static let mailConcurrency = 16

    let outbox: any OutboxRepository
    let notifications: any NotificationRepository
    let users: any UserRepository
    let mailer: any Mailer
    let publisher: (any EventPublisher)?
    let now: @Sendable () -> Date

    /// Creates the dispatcher; without a `publisher` events go to the feed and mail only.
    public init(
        storage: Storage,
        mailer: any Mailer,
        publisher: (any EventPublisher)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.outbox = storage.outbox
        self.notifications = storage.notifications
        self.users = storage.users
        self.mailer = mailer
        self.publisher = publisher
        self.now = now
    }

    /// Delivers up to `limit` of the oldest pending events. A pass with events is one trace, each mail a span
    /// in it; an idle pass is not traced.
    public func dispatchPending(limit: Int = 200) async throws -> Pass {
        var pass = Pass()
        let events = try await outbox.pendingEvents(limit: limit)
        if !events.isEmpty {
            try await withSpan("outbox dispatch", ofKind: .internal) { span in
                span.attributes["messaging.batch.message_count"] = events.count
                _ = try await notifications.insertOnce(
                    events.map(NotificationTemplate.notification(for:))
                )
                guard await published(events) else {
                    try await outbox.markAttempted(events.map(\.id))
                    pass.failed = events.count
                    return
                }
                let recipients = try await users.users(ids: Array(Set(events.map(\.userID))))
                let byID = Dictionary(recipients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                let failed = await sendMails(for: events, to: byID)
                try await outbox.markAttempted(failed)
                let failedIDs = Set(failed)
                let delivered = events.map(\.id).filter { !failedIDs.contains($0) }
                try await outbox.markDelivered(delivered, at: now())
                pass.delivered = delivered.count
                pass.failed = failed.count
            }
        }
        pass.backlog = try await outbox.backlog()
        return pass
    }

    /// Whether the publisher (if any) took the events, in a producer span that records a failure.
    private func published(_ events: [OutboxEvent]) async -> Bool {
        guard let publisher else { return true }
        do {
            try await withSpan("outbox publish", ofKind: .producer) { span in
                span.attributes["messaging.batch.message_count"] = events.count
                try await publisher.publish(events)
            }
            return true
        } catch {
            return false
        }
    }

    /// Sends each event's mail, at most ``mailConcurrency`` at a time; returns the events whose mail failed. An
    /// event of a user who no longer exists has nobody to mail and counts as delivered.
    private func sendMails(for events: [OutboxEvent], to users: [Identifier<User>: User]) async -> [Identifier<
        OutboxEvent
    >] {
        await withTaskGroup(of: Identifier<OutboxEvent>?.self) { group in
            var failed: [Identifier<OutboxEvent>] = []
            var queued = events.makeIterator()
            func startNext() -> Bool {
                guard let event = queued.next() else { return false }
                group.addTask { await mail(event, to: users[event.userID]) ? nil : event.id }
                return true
            }
            for _ in 0..<Self.mailConcurrency {
                guard startNext() else { break }
            }
            while let result = await group.next() {
                if let result { failed.append(result) }
                _ = startNext()
            }
            return failed
        }
    }

    /// Whether the event's mail went out (or there is no one to send it to).
    private func mail(_ event: OutboxEvent, to user: User?) async -> Bool {
        guard let user else { return true }
        do {
            try await withSpan("outbox deliver \(event.kind.rawValue)", ofKind: .producer) { span in
                span.attributes["messaging.message.id"] = event.id.description
                span.attributes["emporium.order.id"] = event.orderID.description
                span.attributes["emporium.outbox.attempts"] = event.attempts
                try await mailer.send(NotificationTemplate.mail(for: event, to: user))
            }
            return true
        } catch {
            return false
        }
    }
}
