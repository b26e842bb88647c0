import EmporiumCore
import EmporiumRedis
import Foundation
import Testing

@Suite(
    "RedisEventStream: order events as stream entries",
    .enabled(if: RedisTestServer.isRequired, RedisTestServer.skipReason)
)
struct EventStreamTests {
    @Test("each event is one entry in order, with its id, kind, order, user, time and payload")
    func entries() async throws {
        try await RedisTestServer.withClient { redis in
            let key = RedisTestServer.key("events")
            let order = Identifier<Order>()
            let events = OrderEventKind.allCases.enumerated().map { offset, kind in
                OutboxEvent(
                    kind: kind,
                    orderID: order,
                    userID: Identifier(),
                    payload: #"{"n":\#(offset)}"#,
                    occurredAt: Date(timeIntervalSince1970: 1_700_000_000.5 + Double(offset))
                )
            }
            try await RedisEventStream(redis: redis, key: key).publish(events)
            let reply = try await redis.send(RedisCommand("XRANGE", key, "-", "+", collection: "test"))
            let fields = (reply.array ?? []).map { ($0.array?.last?.array ?? []).compactMap(\.string) }
            #expect(fields.count == events.count)
            for (entry, event) in zip(fields, events) {
                #expect(
                    entry == [
                        "id", event.id.description, "kind", event.kind.rawValue, "order_id", order.description,
                        "user_id", event.userID.description,
                        "occurred_at_ms", "\(Int(event.occurredAt.timeIntervalSince1970 * 1_000))",
                        "payload", event.payload,
                    ]
                )
            }
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }

    @Test("the stream is trimmed to about its maximum length, so an unread stream cannot fill Redis")
    func trimmed() async throws {
        try await RedisTestServer.withClient { redis in
            let key = RedisTestServer.key("events")
            let stream = RedisEventStream(redis: redis, key: key, maximumLength: 50)
            let event = OutboxEvent(
                kind: .placed,
                orderID: Identifier(),
                userID: Identifier(),
                payload: "{}",
                occurredAt: Date()
            )
            for _ in 0..<20 {
                try await stream.publish(Array(repeating: event, count: 100))
            }
            let length = try await redis.send(RedisCommand("XLEN", key, collection: "test")).integer ?? 0
            // `MAXLEN ~` trims whole nodes of up to 100 entries (stream-node-max-entries), never below the length.
            #expect((50...150).contains(length), "\(length) of 2,000 entries kept")
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }

    @Test("an entry Redis refuses fails the batch with Redis' own error")
    func refused() async throws {
        try await RedisTestServer.withClient { redis in
            let key = RedisTestServer.key("not-a-stream")
            try await redis.send(RedisCommand("SET", key, "plain", collection: "test"))
            let event = OutboxEvent(
                kind: .paid,
                orderID: Identifier(),
                userID: Identifier(),
                payload: "{}",
                occurredAt: Date()
            )
            let error = await #expect(throws: RedisError.self) {
                try await RedisEventStream(redis: redis, key: key).publish([event])
            }
            #expect(error?.code == .server && error?.message.contains("WRONGTYPE") == true)
            try await redis.send(RedisCommand("DEL", key, collection: "test"))
        }
    }
}
