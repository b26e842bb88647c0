import Instrumentation

/// A sample that links a metric value to the trace that produced it (OpenMetrics exemplars).
public struct Exemplar: Sendable, Equatable {
    /// The trace of the span that was active when the value was recorded.
    public var traceID: TraceID
    /// The span that was active when the value was recorded.
    public var spanID: SpanID
    /// The observed value (for counters, the increment).
    public var value: Double
    /// Seconds since the Unix epoch.
    public var timestamp: Double

    /// The exemplar for `value` if a sampled span is active in the current task, otherwise `nil`.
    ///
    /// Reading the task-local context is the only cost when no span is active.
    @inline(__always)
    static func current(value: Double) -> Exemplar? {
        guard let spanContext = ServiceContext.current?.spanContext, spanContext.traceFlags.isSampled else {
            return nil
        }
        return Exemplar(
            traceID: spanContext.traceID,
            spanID: spanContext.spanID,
            value: value,
            timestamp: Double(WallClock.nanosecondsSinceEpoch()) / 1_000_000_000
        )
    }
}
