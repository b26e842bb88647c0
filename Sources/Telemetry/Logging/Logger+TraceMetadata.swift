import Instrumentation
public import Logging

/// The log metadata keys that correlate a log line with a trace.
public enum TraceMetadata {
    public static let traceID = "trace_id"
    public static let spanID = "span_id"
    public static let traceFlags = "trace_flags"
    static let keys = [traceID, spanID, traceFlags]
}

extension Logger.MetadataProvider {
    /// Adds `trace_id`, `span_id` and `trace_flags` of the span active in the current task.
    public static let telemetry = Logger.MetadataProvider {
        guard let spanContext = ServiceContext.current?.spanContext else { return [:] }
        return [
            TraceMetadata.traceID: .string(spanContext.traceID.hexString),
            TraceMetadata.spanID: .string(spanContext.spanID.hexString),
            TraceMetadata.traceFlags: .string(spanContext.traceFlags.isSampled ? "01" : "00"),
        ]
    }
}
