public import EmporiumCore
import FoundationEssentials

/// Order events in a Redis stream (`emporium:events` by default), for consumers outside the shop: read them
/// with `XREAD` or a consumer group (`XREADGROUP`), and acknowledge with `XACK`.
///
/// Each event is one entry whose fields are `id` (the event's id, for deduplication: delivery is at least
/// once), `kind` (`order.placed`, `order.paid`, …), `order_id`, `user_id`, `occurred_at_ms` (milliseconds
/// since 1970) and `payload` (the event's JSON facts). A batch is one pipeline of `XADD`s that trims the
/// stream to about ``maximumLength`` entries, so an unread stream cannot fill Redis.
public struct RedisEventStream: EventPublisher {
    static let collection = "event_stream"

    public let redis: RedisClient
    /// The stream's key.
    public let key: String
    /// About how many entries the stream keeps (`MAXLEN ~`); older ones are trimmed.
    public let maximumLength: Int

    public init(redis: RedisClient, key: String = "emporium:events", maximumLength: Int = 100_000) {
        self.redis = redis
        self.key = key
        self.maximumLength = maximumLength
    }

    /// Appends the events in order.
    /// - Throws: ``RedisError`` when Redis could not be reached or refused an entry.
    public func publish(_ events: [OutboxEvent]) async throws {
        let replies = try await redis.pipeline(events.map(entry))
        for case .error(let message) in replies { throw RedisError(.server, message) }
    }

    private func entry(_ event: OutboxEvent) -> RedisCommand {
        RedisCommand(
            "XADD",
            key,
            "MAXLEN",
            "~",
            maximumLength,
            "*",
            "id",
            event.id.description,
            "kind",
            event.kind.rawValue,
            "order_id",
            event.orderID.description,
            "user_id",
            event.userID.description,
            "occurred_at_ms",
            Int((event.occurredAt.timeIntervalSince1970 * 1_000).rounded()),
            "payload",
            event.payload,
            collection: Self.collection
        )
    }
}
