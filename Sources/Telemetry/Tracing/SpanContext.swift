public import Instrumentation

/// What identifies a span across process boundaries: the W3C trace context of one span.
public struct SpanContext: Sendable, Hashable {
    public var traceID: TraceID
    public var spanID: SpanID
    public var traceFlags: TraceFlags
    public var traceState: TraceState
    /// Whether this context arrived from another process (extracted from headers).
    public var isRemote: Bool

    public init(
        traceID: TraceID,
        spanID: SpanID,
        traceFlags: TraceFlags,
        traceState: TraceState = .empty,
        isRemote: Bool = false
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.traceFlags = traceFlags
        self.traceState = traceState
        self.isRemote = isRemote
    }
}

private enum SpanContextKey: ServiceContextKey {
    typealias Value = SpanContext
    static var nameOverride: String? { "span-context" }
}

extension ServiceContext {
    /// The span context this service context carries, set by ``TelemetryTracer``.
    public var spanContext: SpanContext? {
        get { self[SpanContextKey.self] }
        set { self[SpanContextKey.self] = newValue }
    }
}
