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
        /// A ring: once full, ``next`` is the oldest slot and the next to be overwritten.
        var recent: [StoredTrace] = []
        var next = 0
        var slowest: [String: [StoredTrace]] = [:]

        /// The recent traces, oldest first.
        var recentInOrder: [StoredTrace] { Array(recent[next...] + recent[..<next]) }
    }

    public let configuration: Configuration
    private let state = Mutex(State())

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Children usually end before their root, so their trace is open; a child ending after its root (a span
    /// the request left running) joins the trace in the recent ring.
    public func onEnd(_ span: FinishedSpan) {
        state.withLock { state in
            let traceID = span.context.traceID
            if span.isLocalRoot {
                var spans = state.open.removeValue(forKey: traceID) ?? []
                spans.append(span)
                complete(StoredTrace(root: span, spans: spans), in: &state)
            } else if let count = state.open[traceID]?.count {
                if count < configuration.spansPerTrace { state.open[traceID]?.append(span) }
            } else if let index = state.recent.lastIndex(where: { $0.traceID == traceID }) {
                if state.recent[index].spans.count < configuration.spansPerTrace {
                    state.recent[index].spans.append(span)
                }
            } else {
                state.openOrder.append(traceID)
                evictOpenTraces(in: &state)
                state.open[traceID] = [span]
            }
        }
    }

    public func forceFlush() {}

    /// The most recent completed traces, newest first.
    public func recentTraces() -> [StoredTrace] {
        state.withLock { $0.recentInOrder.reversed() }
    }

    /// The slowest traces of each route, slowest first; routes sorted by name.
    public func slowestTraces() -> [(route: String, traces: [StoredTrace])] {
        state.withLock { $0.slowest }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A completed trace by id, from the recent ring or the slowest lists.
    public func trace(_ id: TraceID) -> StoredTrace? {
        state.withLock { state in
            state.recent.first { $0.traceID == id }
                ?? state.slowest.values.lazy.compactMap { $0.first { $0.traceID == id } }.first
        }
    }

    private func complete(_ trace: StoredTrace, in state: inout State) {
        if state.recent.count < configuration.recentTraces {
            state.recent.append(trace)
        } else if configuration.recentTraces > 0 {
            state.recent[state.next] = trace
            state.next = (state.next + 1) % configuration.recentTraces
        }
        let route = trace.route
        let duration = trace.root.durationNanoseconds
        if var slowest = state.slowest[route] {
            // Most traces are not among the slowest: they leave the list untouched.
            guard
                slowest.count < configuration.slowestPerRoute
                    || duration > (slowest.last?.root.durationNanoseconds ?? 0)
            else { return }
            state.slowest[route] = nil
            let index = slowest.firstIndex { $0.root.durationNanoseconds < duration } ?? slowest.endIndex
            slowest.insert(trace, at: index)
            if slowest.count > configuration.slowestPerRoute { slowest.removeLast() }
            state.slowest[route] = slowest
        } else if state.slowest.count < configuration.routes, configuration.slowestPerRoute > 0 {
            state.slowest[route] = [trace]
        }
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
