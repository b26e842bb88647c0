import CoreMetrics
import EmporiumRedis
import Telemetry
import TelemetryTesting
import Testing
import Tracing

@Suite("Redis telemetry", .enabled(if: RedisTestServer.isRequired, RedisTestServer.skipReason))
struct RedisTelemetryTests {
    @Test("a traced command is a client span with db.system=redis; every command and pipeline is timed")
    func commandsAreTracedAndTimed() async throws {
        let recorder = InMemorySpanRecorder()
        let tracer = TelemetryTracer(resource: .test, processor: recorder)
        let metrics = MetricsRegistry()
        let key = RedisTestServer.key("telemetry")
        try await withMetricsFactory(metrics) {
            try await withTracer(tracer) {
                try await RedisTestServer.withClient { (redis: RedisClient) async throws in
                    try await withSpan("GET /api/v1/cart", ofKind: .server) { _ in
                        try await redis.send(RedisCommand("HSET", key, "sku", 2, collection: "cart"))
                    }
                    _ = try await redis.pipeline([
                        RedisCommand("HGET", key, "sku", collection: "cart"),
                        RedisCommand("HGET", key, "other", collection: "cart"),
                    ])
                    try await redis.send(RedisCommand("DEL", key, collection: "cart"))
                }
            }
        }
        let request = try #require(recorder.spans.first { $0.operationName == "GET /api/v1/cart" })
        let command = try #require(recorder.spans.first { $0.operationName == "HSET cart" })
        #expect(command.kind == .client && command.parentSpanID == request.context.spanID)
        #expect(command.attributes["db.system"]?.toSpanAttribute() == .string("redis"))
        #expect(command.attributes["db.operation"]?.toSpanAttribute() == .string("HSET"))
        #expect(command.attributes["db.collection.name"]?.toSpanAttribute() == .string("cart"))
        #expect(!recorder.spans.contains { $0.operationName == "DEL cart" }, "an untraced command is timed, not traced")
        let exposition = String(decoding: metrics.render(.prometheusText), as: UTF8.self)
        for operation in ["HSET", "HGET", "DEL"] {
            #expect(
                exposition.contains(
                    #"emporium_db_query_duration_seconds_count{db_collection="cart",db_operation="\#(operation)",db_system="redis"} 1"#
                ),
                "\(operation)"
            )
        }
    }
}
