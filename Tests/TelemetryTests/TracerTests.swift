import TelemetryTesting
import Testing
import Tracing

@testable import Telemetry

/// Reads and writes headers in a plain dictionary, as an HTTP carrier would.
struct DictionaryCarrier: Extractor, Injector {
    func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}

struct TestError: Error, CustomStringConvertible {
    var description: String { "the card was declined" }
}

@Suite("Tracer")
struct TracerTests {
    let recorder = InMemorySpanRecorder()

    func tracer(sampler: any Sampler = ParentBasedSampler(root: AlwaysOnSampler()), limits: SpanLimits = SpanLimits())
        -> TelemetryTracer
    {
        TelemetryTracer(resource: .test, sampler: sampler, limits: limits, processor: recorder)
    }

    @Test("a child span shares the trace and points at its parent")
    func parentAndChild() throws {
        let tracer = tracer()
        tracer.withSpan("checkout") { _ in
            tracer.withSpan("db.insert") { _ in }
        }
        let spans = recorder.spans
        try #require(spans.count == 2)
        let (child, parent) = (spans[0], spans[1])
        #expect(child.context.traceID == parent.context.traceID)
        #expect(child.parentSpanID == parent.context.spanID)
        #expect(parent.parentSpanID == nil)
        #expect(parent.isLocalRoot && !child.isLocalRoot)
        #expect(parent.endNanoseconds >= parent.startNanoseconds)
    }

    @Test("an extracted traceparent is continued and injected back with a new span id")
    func propagation() throws {
        let tracer = tracer()
        var context = ServiceContext.topLevel
        tracer.extract(
            ["traceparent": TraceContextTests.valid, "tracestate": "rojo=00f067aa0ba902b7"],
            into: &context,
            using: DictionaryCarrier()
        )
        let span = tracer.startSpan("GET /products", context: context, ofKind: .server)
        var outgoing: [String: String] = [:]
        tracer.inject(span.context, into: &outgoing, using: DictionaryCarrier())
        span.end()
        let recorded = try #require(recorder.spans.first)
        #expect(recorded.context.traceID.hexString == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(recorded.parentSpanID?.hexString == "00f067aa0ba902b7")
        #expect(recorded.parentIsRemote && recorded.isLocalRoot)
        #expect(
            outgoing["traceparent"] == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(recorded.context.spanID.hexString)-01"
        )
        #expect(outgoing["tracestate"] == "rojo=00f067aa0ba902b7")
    }

    @Test("an invalid traceparent restarts the trace and its tracestate is ignored")
    func invalidParentRestarts() {
        var context = ServiceContext.topLevel
        tracer().extract(
            ["traceparent": "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "tracestate": "rojo=1"],
            into: &context,
            using: DictionaryCarrier()
        )
        #expect(context.spanContext == nil)
    }

    @Test("an unsampled parent yields an unsampled, unrecorded span that still propagates")
    func unsampledParent() {
        let tracer = tracer()
        var context = ServiceContext.topLevel
        tracer.extract(
            ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"],
            into: &context,
            using: DictionaryCarrier()
        )
        let span = tracer.startSpan("GET /", context: context)
        #expect(!span.isRecording)
        var outgoing: [String: String] = [:]
        tracer.inject(span.context, into: &outgoing, using: DictionaryCarrier())
        span.end()
        #expect(recorder.spans.isEmpty)
        #expect(outgoing["traceparent"]?.hasSuffix("-00") == true)
    }

    @Test("errors become exception events; status stays ok once ok")
    func errorsAndStatus() throws {
        let span = tracer().startSpan("pay")
        span.recordError(TestError())
        span.setStatus(.init(code: .ok))
        span.setStatus(.init(code: .error, message: "late"))
        span.addEvent("retry")
        span.end()
        span.end()
        let recorded = try #require(recorder.spans.first)
        #expect(recorder.spans.count == 1)
        #expect(recorded.status?.code == .ok)
        #expect(recorded.events.map(\.name) == ["exception", "retry"])
        #expect(recorded.events[0].attributes.get("exception.message") == .string("the card was declined"))
        #expect(recorded.events[0].attributes.get("exception.type") == .string("TelemetryTests.TestError"))
    }

    @Test("a server span that answered 5xx ends failed; a client's 5xx, a 4xx or a status already set do not")
    func serverErrorStatus() throws {
        let tracer = tracer()
        for (kind, code, preset) in [
            (SpanKind.server, 503, nil), (.server, 404, nil), (.client, 503, nil),
            (.server, 500, SpanStatus(code: .ok)),
        ] {
            let span = tracer.startSpan("request", ofKind: kind)
            span.attributes["http.response.status_code"] = code
            if let preset { span.setStatus(preset) }
            span.end()
        }
        #expect(recorder.spans.map { $0.status?.code } == [.error, nil, nil, .ok])
    }

    @Test("span limits drop and count what is over them")
    func limits() throws {
        let span = tracer(limits: SpanLimits(attributeCount: 2, eventCount: 1, attributeValueLength: 3)).startSpan(
            "limited"
        )
        span.attributes["a"] = "abcdef"
        span.attributes["b"] = 2
        span.attributes["c"] = 3
        span.addEvent("first")
        span.addEvent("second")
        span.end()
        let recorded = try #require(recorder.spans.first)
        #expect(recorded.attributes.count == 2)
        #expect(recorded.attributes.get("a") == .string("abc"))
        #expect(recorded.droppedAttributeCount == 1)
        #expect(recorded.events.count == 1 && recorded.droppedEventCount == 1)
    }

    @Test("links keep the linked span's context")
    func links() throws {
        let tracer = tracer()
        let first = tracer.startSpan("enqueue")
        first.end()
        let second = tracer.startSpan("dispatch", context: .topLevel)
        second.addLink(SpanLink(context: first.context, attributes: ["why": "outbox"]))
        second.end()
        let link = try #require(recorder.spans.last?.links.first)
        #expect(link.context.spanID == recorder.spans[0].context.spanID)
    }

    @Test("samplers decide as OpenTelemetry specifies")
    func samplers() {
        let id = TraceID(high: 1, low: 0)
        let sampled = SpanContext(traceID: id, spanID: SpanID(rawValue: 1), traceFlags: .sampled, isRemote: true)
        let unsampled = SpanContext(traceID: id, spanID: SpanID(rawValue: 1), traceFlags: .none, isRemote: true)
        let parentBased = ParentBasedSampler(root: AlwaysOffSampler())
        #expect(
            parentBased.shouldSample(parent: sampled, traceID: id, operationName: "x", kind: .server)
                == .recordAndSample
        )
        #expect(parentBased.shouldSample(parent: unsampled, traceID: id, operationName: "x", kind: .server) == .drop)
        #expect(parentBased.shouldSample(parent: nil, traceID: id, operationName: "x", kind: .server) == .drop)
        let half = TraceIDRatioSampler(ratio: 0.5)
        let generator = IDGenerator(seed: 42)
        let kept = (0..<10_000).filter { _ in
            half.shouldSample(parent: nil, traceID: generator.traceID(), operationName: "x", kind: .server)
                == .recordAndSample
        }
        #expect((4_500...5_500).contains(kept.count))
        #expect(
            TraceIDRatioSampler(ratio: 0).shouldSample(parent: nil, traceID: id, operationName: "x", kind: .server)
                == .drop
        )
    }

    @Test("OTEL_* variables configure sampler, export and batching; bad values warn and fall back")
    func environment() throws {
        let configuration = TelemetryConfiguration.fromEnvironment(
            [
                "OTEL_TRACES_SAMPLER": "parentbased_traceidratio",
                "OTEL_TRACES_SAMPLER_ARG": "0.25",
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/",
                "OTEL_EXPORTER_OTLP_HEADERS": "api-key=se%3Dcret,team=shop",
                "OTEL_EXPORTER_OTLP_COMPRESSION": "gzip",
                "OTEL_BSP_SCHEDULE_DELAY": "250",
                "OTEL_BSP_MAX_QUEUE_SIZE": "lots",
                "OTEL_SERVICE_NAME": "checkout",
                "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod,service.name=ignored",
            ],
            serviceName: "emporium",
            serviceVersion: "1.0.0"
        )
        #expect(configuration.sampler.description == "ParentBased{root=TraceIdRatioBased{0.25}}")
        let exporter = try #require(configuration.exporter)
        #expect(exporter.tracesEndpoint == "http://collector:4318/v1/traces")
        #expect(exporter.headers.map { "\($0.0)=\($0.1)" } == ["api-key=se=cret", "team=shop"])
        #expect(exporter.gzip)
        #expect(configuration.batch.scheduleDelay == .milliseconds(250))
        #expect(configuration.batch.maxQueueSize == 2048)
        #expect(configuration.warnings.count == 1)
        #expect(configuration.resource.serviceName == "checkout")
        #expect(configuration.resource.attributes.get("deployment.environment") == .string("prod"))
        let quiet = TelemetryConfiguration.fromEnvironment([:], serviceName: "emporium", serviceVersion: "1")
        #expect(quiet.exporter == nil && quiet.tracingEnabled && quiet.warnings.isEmpty)
        let disabled = TelemetryConfiguration.fromEnvironment(
            ["OTEL_SDK_DISABLED": "true"],
            serviceName: "e",
            serviceVersion: "1"
        )
        #expect(!disabled.tracingEnabled)
    }
}
