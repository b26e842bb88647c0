public import Tracing

/// A swift-distributed-tracing `Tracer` and `Instrument` with W3C trace-context propagation.
///
/// Spans that the sampler keeps go, when they end, to the span processor: usually a ``MultiSpanProcessor``
/// over a ``BatchSpanProcessor`` (export) and a ``TraceStore`` (`/debug/traces`).
///
/// ```swift
/// let tracer = TelemetryTracer(resource: resource, sampler: ParentBasedSampler(root: AlwaysOnSampler()),
///                              processor: processor)
/// InstrumentationSystem.bootstrap(tracer)
/// ```
public final class TelemetryTracer: Tracer {
    public typealias Span = TelemetrySpan

    public let resource: Resource
    public let sampler: any Sampler
    public let limits: SpanLimits
    private let processor: any SpanProcessor
    private let ids = IDGenerator()

    public init(
        resource: Resource,
        sampler: any Sampler = ParentBasedSampler(root: AlwaysOnSampler()),
        limits: SpanLimits = SpanLimits(),
        processor: any SpanProcessor
    ) {
        self.resource = resource
        self.sampler = sampler
        self.limits = limits
        self.processor = processor
    }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> TelemetrySpan {
        var spanServiceContext = context()
        let parent = spanServiceContext.spanContext
        let traceID = parent?.traceID ?? ids.traceID()
        let decision = sampler.shouldSample(parent: parent, traceID: traceID, operationName: operationName, kind: kind)
        let spanContext = SpanContext(
            traceID: traceID,
            spanID: ids.spanID(),
            traceFlags: decision == .recordAndSample ? .sampled : .none,
            traceState: parent?.traceState ?? .empty
        )
        spanServiceContext.spanContext = spanContext
        return TelemetrySpan(
            operationName: operationName,
            kind: kind,
            context: spanServiceContext,
            spanContext: spanContext,
            parent: parent,
            startNanoseconds: instant().nanosecondsSinceEpoch,
            isRecording: decision == .recordAndSample,
            limits: limits,
            processor: processor
        )
    }

    public func forceFlush() {
        processor.forceFlush()
    }

    /// Reads `traceparent` and, when that is valid, `tracestate`; an invalid `traceparent` leaves the
    /// context without a parent, so the next span starts a new trace.
    public func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier,
        into context: inout ServiceContext,
        using extractor: Extract
    ) where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "traceparent", from: carrier),
            let parent = TraceParent(header: header)
        else { return }
        let state = extractor.extract(key: "tracestate", from: carrier).flatMap(TraceState.init(header:)) ?? .empty
        context.spanContext = SpanContext(
            traceID: parent.traceID,
            spanID: parent.parentID,
            traceFlags: parent.flags,
            traceState: state,
            isRemote: true
        )
    }

    /// Writes `traceparent` (version `00`) and a non-empty `tracestate`.
    public func inject<Carrier, Inject: Injector>(
        _ context: ServiceContext,
        into carrier: inout Carrier,
        using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let spanContext = context.spanContext else { return }
        let parent = TraceParent(
            traceID: spanContext.traceID,
            parentID: spanContext.spanID,
            flags: spanContext.traceFlags
        )
        injector.inject(parent.headerValue, forKey: "traceparent", into: &carrier)
        if !spanContext.traceState.isEmpty {
            injector.inject(spanContext.traceState.headerValue, forKey: "tracestate", into: &carrier)
        }
    }
}
