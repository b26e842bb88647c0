import CoreMetrics
import Synchronization

/// swift-metrics handles made once per key and reused: making a handle asks the metrics backend for its series
/// every time, which costs more than the measurement itself on a hot path.
///
/// A handle is bound to the metrics factory in effect when it is first made (the global one in a server, a
/// test's task-local one in tests), so an owner is made per database or per cache, not shared between tests.
package final class MetricHandles<Key: Hashable & Sendable, Handle: Sendable>: Sendable {
    private let handles = Mutex<[Key: Handle]>([:])
    private let make: @Sendable (Key) -> Handle

    /// - Parameter make: creates the handle for a key, on first use.
    package init(_ make: @escaping @Sendable (Key) -> Handle) {
        self.make = make
    }

    /// The key's handle, made on first use.
    package subscript(_ key: Key) -> Handle {
        if let handle = handles.withLock({ $0[key] }) { return handle }
        let made = make(key)
        return handles.withLock { handles in
            if let raced = handles[key] { return raced }
            handles[key] = made
            return made
        }
    }
}

/// A database call's kind, the key of its duration timer.
struct QueryKind: Hashable, Sendable {
    var operation: String
    var table: String
}
