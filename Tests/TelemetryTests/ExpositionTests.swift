import CompressNIO
import CoreMetrics
import Foundation
import NIOCore
import Testing
import Tracing

@testable import Telemetry

@Suite("Prometheus and OpenMetrics exposition")
struct ExpositionTests {
    static let traceID = TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!
    static let spanID = SpanID(hex: "00f067aa0ba902b7")!

    /// A registry with every kind, awkward label values and help texts, and exemplars.
    static func populatedRegistry() -> MetricsRegistry {
        let registry = MetricsRegistry(
            configuration: .init(help: ["escapes_total": "Help with a \\ backslash,\na newline and \"quotes\"."])
        )
        Counter(label: "escapes", dimensions: [("path", "C:\\dir\\\"quoted\"\nnext")], factory: registry).increment()
        Counter(label: "unicode", dimensions: [("name", "café ☕")], factory: registry).increment(by: 2)
        Meter(label: "in.flight", factory: registry).set(4)
        var context = ServiceContext.topLevel
        context.spanContext = SpanContext(traceID: traceID, spanID: spanID, traceFlags: .sampled)
        ServiceContext.$current.withValue(context) {
            Timer(label: "request.duration", dimensions: [("route", "/a")], factory: registry).recordMilliseconds(67)
            Counter(label: "orders", factory: registry).increment()
        }
        Timer(label: "request.duration", dimensions: [("route", "/b")], factory: registry).recordSeconds(12)
        registry.addCollector(ProcessMetricsCollector())
        registry.addCollector(BuildInfoCollector(namespace: "emporium", version: "1.2.3"))
        return registry
    }

    @Test("Accept chooses the format; Prometheus' own header gets OpenMetrics")
    func negotiation() {
        let prometheus =
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
        #expect(ExpositionFormat.negotiate(accept: prometheus) == .openMetrics)
        #expect(ExpositionFormat.negotiate(accept: nil) == .prometheusText)
        #expect(ExpositionFormat.negotiate(accept: "*/*") == .prometheusText)
        #expect(ExpositionFormat.negotiate(accept: "text/plain;version=0.0.4") == .prometheusText)
        #expect(ExpositionFormat.negotiate(accept: "application/openmetrics-text; version=0.0.1") == .prometheusText)
        #expect(
            ExpositionFormat.negotiate(accept: "text/plain;q=0.9, application/openmetrics-text;q=0.2")
                == .prometheusText
        )
        #expect(
            ExpositionFormat.openMetrics.contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8"
        )
        #expect(ExpositionFormat.prometheusText.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }

    @Test("label values escape backslash, quote and newline; HELP escapes per format")
    func escaping() {
        let registry = Self.populatedRegistry()
        let text = String(decoding: registry.render(.prometheusText), as: UTF8.self)
        #expect(text.contains(#"escapes_total{path="C:\\dir\\\"quoted\"\nnext"} 1"#))
        #expect(text.contains(#"# HELP escapes_total Help with a \\ backslash,\na newline and "quotes"."#))
        let openMetrics = String(decoding: registry.render(.openMetrics), as: UTF8.self)
        #expect(openMetrics.contains(#"# HELP escapes Help with a \\ backslash,\na newline and \"quotes\"."#))
    }

    @Test("OpenMetrics names counter families without _total, ends with # EOF, and carries exemplars")
    func openMetrics() {
        let text = String(decoding: Self.populatedRegistry().render(.openMetrics), as: UTF8.self)
        #expect(text.contains("# TYPE orders counter\norders_total 1 # {trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\""))
        #expect(
            text.contains(
                "request_duration_seconds_bucket{route=\"/a\",le=\"0.075\"} 1 # {trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\","
                    + "span_id=\"00f067aa0ba902b7\"} 0.067 "
            )
        )
        #expect(text.hasSuffix("# EOF\n"))
        let plain = String(decoding: Self.populatedRegistry().render(.prometheusText), as: UTF8.self)
        #expect(!plain.contains("trace_id"))
        #expect(!plain.contains("# EOF"))
    }

    @Test("a scrape that accepts gzip gets a gzip body that inflates to the text")
    func gzip() throws {
        let registry = Self.populatedRegistry()
        let scrape = registry.scrape(accept: nil, acceptEncoding: "deflate, gzip;q=0.8")
        #expect(scrape.contentEncoding == "gzip")
        var body = scrape.body
        let inflated = try body.decompress(with: .gzip())
        #expect(String(buffer: inflated).contains("emporium_build_info{version=\"1.2.3\"} 1"))
        #expect(registry.scrape(accept: nil, acceptEncoding: "gzip;q=0").contentEncoding == nil)
    }

    /// Writes both formats for the conformance checks of `make test` (promtool and the Python parsers).
    @Test("fixtures for the reference parsers are written when asked for")
    func conformanceFixtures() throws {
        let registry = Self.populatedRegistry()
        let text = registry.render(.prometheusText)
        let openMetrics = registry.render(.openMetrics)
        #expect(!text.isEmpty && !openMetrics.isEmpty)
        guard let directory = ProcessInfo.processInfo.environment["EMPORIUM_CONFORMANCE_DIR"] else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(text).write(to: URL(fileURLWithPath: "\(directory)/fixture.prom"))
        try Data(openMetrics).write(to: URL(fileURLWithPath: "\(directory)/fixture.om"))
    }
}
