import Foundation
import TelemetryTesting
import Testing
import Tracing

@testable import Telemetry

@Suite("OTLP/JSON encoding")
struct OTLPJSONEncoderTests {
    @Test("ids are hex, enums integers, 64-bit integers strings")
    func shape() throws {
        let recorder = InMemorySpanRecorder()
        let tracer = TelemetryTracer(resource: .test, processor: recorder)
        let parent = tracer.startSpan("GET /products/{id}", context: .topLevel, ofKind: .server)
        let child = tracer.startSpan("SELECT products", context: parent.context, ofKind: .client)
        child.attributes["db.rows"] = 3
        child.attributes["db.system"] = "sqlite"
        child.setStatus(.init(code: .error, message: "timeout"))
        child.end()
        parent.end()
        let body = OTLPJSONEncoder.encode(recorder.spans, resource: .test, scopeVersion: "1.0")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let resourceSpans = try #require(json["resourceSpans"] as? [[String: Any]])
        let scopeSpans = try #require(resourceSpans[0]["scopeSpans"] as? [[String: Any]])
        let spans = try #require(scopeSpans[0]["spans"] as? [[String: Any]])
        let encodedChild = spans[0]
        #expect((encodedChild["traceId"] as? String)?.count == 32)
        #expect((encodedChild["spanId"] as? String)?.count == 16)
        #expect(encodedChild["parentSpanId"] as? String == recorder.spans[1].context.spanID.hexString)
        #expect(encodedChild["kind"] as? Int == 3)
        #expect(encodedChild["startTimeUnixNano"] is String)
        #expect((encodedChild["status"] as? [String: Any])?["code"] as? Int == 2)
        let attributes = try #require(encodedChild["attributes"] as? [[String: Any]])
        #expect(attributes.first?["key"] as? String == "db.rows")
        #expect((attributes.first?["value"] as? [String: Any])?["intValue"] as? String == "3")
        #expect(spans[1]["parentSpanId"] == nil)
    }
}
