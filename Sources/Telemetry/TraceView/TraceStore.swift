import Synchronization
import Tracing

/// Keeps recent traces and the slowest per route in memory, for `/debug/traces`.
///
/// Spans are held per trace until the trace's local root (a span whose parent is remote or absent) ends;
/// then the trace joins the ring of recent traces and, if slow enough, the slowest of its route. Memory is
/// bounded: traces whose root never ends are evicted oldest first.
public final class TraceStore: SpanProcessor {
    public struct Configuration: Sendable {
        public var recentTraces: Int = 100
        public var slowestPerRoute: Int = 5
        public var routes: Int = 200
        public var openTraces: Int = 1_000
        public var spansPerTrace: Int = 1_000

        public init() {}
    }

    /// One completed trace as this process saw it.
    public struct StoredTrace: Sendable {
        public var root: FinishedSpan
        public var spans: [FinishedSpan]

        public var traceID: TraceID { root.context.traceID }
        /// The method and route of an HTTP root span (`GET /api/v1/products/{id}`), else its name.
        public var route: String {
            if case .string(let method) = root.attributes.get("http.request.method") {
                return "\(method) \(root.operationName)"
            }
            return root.operationName
        }
    }

    private struct State {
        var open: [TraceID: [FinishedSpan]] = [:]
        var openOrder: [TraceID] = []
        var recent: [StoredTrace] = []
        var slowest: [String: [StoredTrace]] = [:]
    }

    public let configuration: Configuration
    private let state = Mutex(State())

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func onEnd(_ span: FinishedSpan) {
        state.withLock { state in
            let traceID = span.context.traceID
            if span.isLocalRoot {
                var spans = state.open.removeValue(forKey: traceID) ?? []
                spans.append(span)
                complete(StoredTrace(root: span, spans: spans), in: &state)
            } else if let index = state.recent.lastIndex(where: { $0.traceID == traceID }) {
                if state.recent[index].spans.count < configuration.spansPerTrace {
                    state.recent[index].spans.append(span)
                }
            } else {
                if state.open[traceID] == nil {
                    state.openOrder.append(traceID)
                    evictOpenTraces(in: &state)
                }
                if state.open[traceID, default: []].count < configuration.spansPerTrace {
                    state.open[traceID, default: []].append(span)
                }
            }
        }
    }

    public func forceFlush() {}

    /// The most recent completed traces, newest first.
    public func recentTraces() -> [StoredTrace] {
        state.withLock { $0.recent.reversed() }
    }

    /// The slowest traces of each route, slowest first; routes sorted by name.
    public func slowestTraces() -> [(route: String, traces: [StoredTrace])] {
        state.withLock { $0.slowest }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A completed trace by id, from the recent ring or the slowest lists.
    public func trace(_ id: TraceID) -> StoredTrace? {
        state.withLock { state in
            state.recent.last { $0.traceID == id }
                ?? state.slowest.values.lazy.compactMap { $0.first { $0.traceID == id } }.first
        }
    }

    private func complete(_ trace: StoredTrace, in state: inout State) {
        state.recent.append(trace)
        if state.recent.count > configuration.recentTraces {
            state.recent.removeFirst(state.recent.count - configuration.recentTraces)
        }
        let route = trace.route
        guard state.slowest[route] != nil || state.slowest.count < configuration.routes else { return }
        var slowest = state.slowest[route, default: []]
        slowest.append(trace)
        slowest.sort { $0.root.durationNanoseconds > $1.root.durationNanoseconds }
        state.slowest[route] = Array(slowest.prefix(configuration.slowestPerRoute))
    }

    private func evictOpenTraces(in state: inout State) {
        if state.openOrder.count > 2 * configuration.openTraces {
            state.openOrder.removeAll { state.open[$0] == nil }
        }
        while state.open.count > configuration.openTraces, !state.openOrder.isEmpty {
            state.open.removeValue(forKey: state.openOrder.removeFirst())
        }
    }
}
