public import Tracing

/// Everything recorded about one ended span: what span processors and exporters receive.
public struct FinishedSpan: Sendable {
    /// A link to another span, with its context resolved.
    public struct Link: Sendable {
        public var context: SpanContext
        public var attributes: SpanAttributes
        public var droppedAttributeCount: Int
    }

    public var operationName: String
    public var kind: SpanKind
    public var context: SpanContext
    /// The parent's id, `nil` for the root of a trace.
    public var parentSpanID: SpanID?
    /// Whether the parent ran in another process; such a span is this process's root of the trace.
    public var parentIsRemote: Bool
    public var startNanoseconds: UInt64
    public var endNanoseconds: UInt64
    public var attributes: SpanAttributes
    public var droppedAttributeCount: Int
    public var events: [SpanEvent]
    public var droppedEventCount: Int
    public var links: [Link]
    public var droppedLinkCount: Int
    public var status: SpanStatus?

    /// Whether no span of this process is this span's parent.
    public var isLocalRoot: Bool { parentSpanID == nil || parentIsRemote }

    public var durationNanoseconds: UInt64 {
        endNanoseconds >= startNanoseconds ? endNanoseconds - startNanoseconds : 0
    }
}

/// Receives spans as they end: the batch exporter, the local trace store, a test recorder.
public protocol SpanProcessor: Sendable {
    /// Called once for every recorded span when it ends; must not block.
    func onEnd(_ span: FinishedSpan)
    /// Asks for pending spans to be exported soon.
    func forceFlush()
}

/// Hands every span to several processors in turn.
public struct MultiSpanProcessor: SpanProcessor {
    public let processors: [any SpanProcessor]

    public init(_ processors: [any SpanProcessor]) {
        self.processors = processors
    }

    public func onEnd(_ span: FinishedSpan) {
        for processor in processors { processor.onEnd(span) }
    }

    public func forceFlush() {
        for processor in processors { processor.forceFlush() }
    }
}
