import Foundation
import TelemetryTesting
import Testing
import Tracing

@testable import Telemetry

@Suite("Trace store for /debug/traces")
struct TraceStoreTests {
    let store = TraceStore()

    func request(_ route: String, childMilliseconds: UInt64) -> TraceID {
        let tracer = TelemetryTracer(resource: .test, processor: store)
        let start = DefaultTracerClock.now.nanosecondsSinceEpoch
        let root = tracer.startSpan(
            route,
            context: .topLevel,
            ofKind: .server,
            at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: start)
        )
        root.attributes["http.request.method"] = "GET"
        let child = tracer.startSpan(
            "db.query",
            context: root.context,
            at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: start + 1_000)
        )
        child.end(at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: start + childMilliseconds * 1_000_000))
        root.end(at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: start + (childMilliseconds + 1) * 1_000_000))
        return root.context.spanContext!.traceID
    }

    @Test("a trace is complete when its root ends, with all its spans")
    func completeTraces() throws {
        let id = request("/products", childMilliseconds: 5)
        let trace = try #require(store.trace(id))
        #expect(trace.spans.count == 2)
        #expect(trace.route == "GET /products")
        #expect(store.recentTraces().count == 1)
    }

    @Test("the slowest traces per route are kept, slowest first")
    func slowest() throws {
        for milliseconds in [3, 50, 7, 20, 1, 9, 30] as [UInt64] {
            _ = request("/products", childMilliseconds: milliseconds)
        }
        let slowest = try #require(store.slowestTraces().first)
        #expect(slowest.route == "GET /products")
        #expect(slowest.traces.map { $0.root.durationNanoseconds / 1_000_000 } == [51, 31, 21, 10, 8])
    }

    @Test("the JSON summary and the waterfall page describe the trace")
    func renderings() throws {
        let id = request("/products/{id}", childMilliseconds: 12)
        let summary = try JSONSerialization.jsonObject(with: Data(store.summaryJSON())) as? [String: Any]
        let recent = try #require(summary?["recent"] as? [[String: Any]])
        #expect(recent.first?["trace_id"] as? String == id.hexString)
        #expect(recent.first?["duration_ms"] as? Double == 13)
        let page = TraceStore.waterfallHTML(try #require(store.trace(id)))
        #expect(page.contains("GET /products/{id}"))
        #expect(page.contains("db.query"))
        #expect(store.summaryHTML().contains("/debug/traces/\(id.hexString)"))
    }

    @Test("the recent ring keeps the newest traces, newest first, and a late child joins its stored trace")
    func recentRing() throws {
        var configuration = TraceStore.Configuration()
        configuration.recentTraces = 3
        let store = TraceStore(configuration: configuration)
        let tracer = TelemetryTracer(resource: .test, processor: store)
        var ids: [TraceID] = []
        var lateChild: (any Span)?
        for index in 0..<5 {
            let root = tracer.startSpan("/r\(index)", context: .topLevel, ofKind: .server)
            if index == 4 { lateChild = tracer.startSpan("late", context: root.context) }
            root.end()
            ids.append(root.context.spanContext!.traceID)
        }
        lateChild?.end()
        #expect(store.recentTraces().map(\.traceID) == Array(ids.reversed().prefix(3)))
        #expect(store.trace(ids[4])?.spans.map(\.operationName).sorted() == ["/r4", "late"])
        #expect(store.trace(ids[0]) != nil, "still among the slowest of its route")
    }

    @Test("memory stays bounded when roots never end")
    func bounded() {
        var configuration = TraceStore.Configuration()
        configuration.openTraces = 10
        let store = TraceStore(configuration: configuration)
        let tracer = TelemetryTracer(resource: .test, processor: store)
        for _ in 0..<100 {
            let root = tracer.startSpan("never ends", context: .topLevel)
            tracer.startSpan("child", context: root.context).end()
        }
        #expect(store.recentTraces().isEmpty)
    }
}
