import Synchronization
public import Telemetry

/// A span processor that keeps every finished span in memory, for assertions in tests.
///
/// ```swift
/// let recorder = InMemorySpanRecorder()
/// let tracer = TelemetryTracer(resource: .test, processor: recorder)
/// withTracer(tracer) { … }
/// #expect(recorder.spans.map(\.operationName) == ["GET /health/live"])
/// ```
public final class InMemorySpanRecorder: SpanProcessor {
    private let recorded = Mutex<[FinishedSpan]>([])
    private let flushes = Mutex(0)

    public init() {}

    public func onEnd(_ span: FinishedSpan) {
        recorded.withLock { $0.append(span) }
    }

    public func forceFlush() {
        flushes.withLock { $0 += 1 }
    }

    /// The spans that ended, in the order they ended.
    public var spans: [FinishedSpan] {
        recorded.withLock { $0 }
    }

    /// How often `forceFlush` was called.
    public var flushCount: Int {
        flushes.withLock { $0 }
    }

    /// Forgets the spans recorded so far.
    public func reset() {
        recorded.withLock { $0.removeAll() }
    }
}

extension Resource {
    /// A fixed resource for tests: `service.name` `test`, version `0.0.0`.
    public static let test = Resource.detect(serviceName: "test", serviceVersion: "0.0.0", environment: [:])
}
