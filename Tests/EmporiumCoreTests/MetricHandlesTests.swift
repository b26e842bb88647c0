import Synchronization
import Testing

@testable import EmporiumCore

@Suite("MetricHandles: a handle made once per key")
struct MetricHandlesTests {
    @Test("a key's handle is made on first use and reused after, also when many ask at once")
    func madeOnce() async {
        let made = Mutex(0)
        let handles = MetricHandles<String, String> { key in
            made.withLock { $0 += 1 }
            return "handle for \(key)"
        }
        #expect(handles["a"] == "handle for a")
        #expect(handles["a"] == "handle for a")
        #expect(handles["b"] == "handle for b")
        #expect(made.withLock { $0 } == 2)
        await withTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { handles["c"] } }
            for await handle in group { #expect(handle == "handle for c") }
        }
        #expect(made.withLock { $0 } <= 2 + 2, "at most a racing caller or two make one they then drop")
        #expect(handles["c"] == "handle for c")
    }
}
