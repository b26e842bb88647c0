import Atomics

/// A fixed number of relaxed atomic counters in one allocation: a histogram's buckets.
final class AtomicCounterArray: @unchecked Sendable {
    // Safety: the storage is only ever touched through atomic operations.
    private let storage: UnsafeMutablePointer<UInt64.AtomicRepresentation>
    let count: Int

    init(count: Int) {
        self.count = count
        self.storage = .allocate(capacity: count)
        self.storage.initialize(repeating: .init(0), count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always)
    func increment(at index: Int) {
        UnsafeAtomic<UInt64>(at: storage + index).wrappingIncrement(ordering: .relaxed)
    }

    func load(at index: Int) -> UInt64 {
        UnsafeAtomic<UInt64>(at: storage + index).load(ordering: .relaxed)
    }

}
