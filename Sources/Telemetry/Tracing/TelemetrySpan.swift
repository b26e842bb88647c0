import Synchronization
public import Tracing

/// A span of ``TelemetryTracer``; on `end` it becomes a ``FinishedSpan`` for the span processor.
///
/// An unsampled span carries its context (so propagation still works) but records nothing.
public final class TelemetrySpan: Span {
    private struct State {
        var operationName: String
        var attributes = SpanAttributes()
        var events: [SpanEvent] = []
        var droppedEvents = 0
        var links: [FinishedSpan.Link] = []
        var droppedLinks = 0
        var status: SpanStatus?
        var hasEnded = false
    }

    public let context: ServiceContext
    public let isRecording: Bool
    let kind: SpanKind
    let spanContext: SpanContext
    let parentSpanID: SpanID?
    let parentIsRemote: Bool
    let startNanoseconds: UInt64
    private let limits: SpanLimits
    private let processor: any SpanProcessor
    private let state: Mutex<State>

    init(
        operationName: String,
        kind: SpanKind,
        context: ServiceContext,
        spanContext: SpanContext,
        parent: SpanContext?,
        startNanoseconds: UInt64,
        isRecording: Bool,
        limits: SpanLimits,
        processor: any SpanProcessor
    ) {
        self.context = context
        self.kind = kind
        self.spanContext = spanContext
        self.parentSpanID = parent?.spanID
        self.parentIsRemote = parent?.isRemote ?? false
        self.startNanoseconds = startNanoseconds
        self.isRecording = isRecording
        self.limits = limits
        self.processor = processor
        self.state = Mutex(State(operationName: operationName))
    }

    public var operationName: String {
        get { state.withLock { $0.operationName } }
        set {
            guard isRecording else { return }
            state.withLock { if !$0.hasEnded { $0.operationName = newValue } }
        }
    }

    public var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set {
            guard isRecording else { return }
            state.withLock { if !$0.hasEnded { $0.attributes = newValue } }
        }
    }

    /// Sets the status; once `ok` it stays `ok`, as OpenTelemetry specifies.
    public func setStatus(_ status: SpanStatus) {
        guard isRecording else { return }
        state.withLock { state in
            guard !state.hasEnded, state.status?.code != .ok else { return }
            state.status = status.code == .ok ? SpanStatus(code: .ok) : status
        }
    }

    public func addEvent(_ event: SpanEvent) {
        guard isRecording else { return }
        state.withLock { state in
            guard !state.hasEnded else { return }
            guard state.events.count < limits.eventCount else {
                state.droppedEvents += 1
                return
            }
            state.events.append(event)
        }
    }

    /// Records `error` as an `exception` event with `exception.type` and `exception.message`.
    public func recordError<Instant: TracerInstant>(
        _ error: any Error,
        attributes: SpanAttributes,
        at instant: @autoclosure () -> Instant
    ) {
        guard isRecording else { return }
        var eventAttributes = attributes
        eventAttributes["exception.type"] = String(reflecting: type(of: error))
        eventAttributes["exception.message"] = String(describing: error)
        addEvent(SpanEvent(name: "exception", at: instant(), attributes: eventAttributes))
    }

    public func addLink(_ link: SpanLink) {
        guard isRecording, let linked = link.context.spanContext else { return }
        let (attributes, dropped) = AttributeLimiter.limit(
            link.attributes,
            count: limits.attributesPerLink,
            valueLength: nil
        )
        state.withLock { state in
            guard !state.hasEnded else { return }
            guard state.links.count < limits.linkCount else {
                state.droppedLinks += 1
                return
            }
            state.links.append(.init(context: linked, attributes: attributes, droppedAttributeCount: dropped))
        }
    }

    /// Ends the span; later calls do nothing. The span goes to the processor outside the lock.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        guard isRecording else { return }
        let endNanoseconds = instant().nanosecondsSinceEpoch
        let ended: State? = state.withLock { state in
            guard !state.hasEnded else { return nil }
            state.hasEnded = true
            if kind == .server, state.status == nil,
                Self.isServerError(state.attributes.get("http.response.status_code"))
            {
                state.status = SpanStatus(code: .error)
            }
            return state
        }
        guard let ended else { return }
        processor.onEnd(finished(ended, endNanoseconds: endNanoseconds))
    }

    /// Whether a server span's `http.response.status_code` is 5xx: OpenTelemetry's HTTP conventions make such a
    /// span's status an error, also when the instrumentation (Hummingbird's) only set the attribute.
    private static func isServerError(_ attribute: SpanAttribute?) -> Bool {
        switch attribute {
        case .int64(let code): code >= 500
        case .int32(let code): code >= 500
        default: false
        }
    }

    private func finished(_ state: State, endNanoseconds: UInt64) -> FinishedSpan {
        let (attributes, droppedAttributes) = AttributeLimiter.limit(
            state.attributes,
            count: limits.attributeCount,
            valueLength: limits.attributeValueLength
        )
        let events = state.events.map { event in
            var limited = event
            limited.attributes =
                AttributeLimiter.limit(event.attributes, count: limits.attributesPerEvent, valueLength: nil).0
            return limited
        }
        return FinishedSpan(
            operationName: state.operationName,
            kind: kind,
            context: spanContext,
            parentSpanID: parentSpanID,
            parentIsRemote: parentIsRemote,
            startNanoseconds: startNanoseconds,
            endNanoseconds: max(endNanoseconds, startNanoseconds),
            attributes: attributes,
            droppedAttributeCount: droppedAttributes,
            events: events,
            droppedEventCount: state.droppedEvents,
            links: state.links,
            droppedLinkCount: state.droppedLinks,
            status: state.status
        )
    }
}

/// Applies attribute count and value-length limits, keeping the alphabetically first keys.
enum AttributeLimiter {
    static func limit(_ attributes: SpanAttributes, count: Int, valueLength: Int?) -> (SpanAttributes, Int) {
        guard attributes.count > count || hasLongString(attributes, limit: valueLength) else { return (attributes, 0) }
        var entries: [(String, SpanAttribute)] = []
        attributes.forEach { entries.append(($0, $1)) }
        entries.sort { $0.0 < $1.0 }
        var limited = SpanAttributes()
        for (key, value) in entries.prefix(count) {
            if let valueLength, case .string(let text) = value, text.count > valueLength {
                limited.set(key, value: .string(String(text.prefix(valueLength))))
            } else {
                limited.set(key, value: value)
            }
        }
        return (limited, max(0, entries.count - count))
    }

    /// Whether a string value is longer than `limit`: the only case besides too many attributes that needs a copy.
    private static func hasLongString(_ attributes: SpanAttributes, limit: Int?) -> Bool {
        guard let limit, !attributes.isEmpty else { return false }
        var found = false
        attributes.forEach { _, value in
            if case .string(let text) = value, text.utf8.count > limit, text.count > limit { found = true }
        }
        return found
    }
}
