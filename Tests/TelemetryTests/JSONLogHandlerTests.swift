import Foundation
import Logging
import Synchronization
import Testing
import Tracing

@testable import Telemetry

@Suite("JSON logs with trace correlation")
struct JSONLogHandlerTests {
    @Test("each line is one JSON object carrying the active trace")
    func traceCorrelation() throws {
        let lines = Mutex<[String]>([])
        let output = LogOutput { bytes in lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        let logger = Logger(label: "shop") { label in
            JSONLogHandler(label: label, metadataProvider: .telemetry, output: output)
        }
        var context = ServiceContext.topLevel
        context.spanContext = SpanContext(
            traceID: TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!,
            spanID: SpanID(hex: "00f067aa0ba902b7")!,
            traceFlags: .sampled
        )
        ServiceContext.$current.withValue(context) {
            logger.info("order \"placed\"\nnext", metadata: ["order_id": "42", "items": ["a", "b"]])
        }
        logger.debug("not written at info level")
        let written = lines.withLock { $0 }
        try #require(written.count == 1)
        #expect(written[0].hasSuffix("}\n") && written[0].filter { $0 == "\n" }.count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(json["message"] as? String == "order \"placed\"\nnext")
        #expect(json["level"] as? String == "info")
        #expect(json["logger"] as? String == "shop")
        #expect(json["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(json["span_id"] as? String == "00f067aa0ba902b7")
        #expect(json["trace_flags"] as? String == "01")
        #expect((json["metadata"] as? [String: Any])?["order_id"] as? String == "42")
        #expect((json["time"] as? String)?.hasSuffix("Z") == true)
    }
}
