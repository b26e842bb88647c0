import Synchronization

/// Numbers virtual users across the run from 1, so `unique` data rows are never handed out twice.
final class VUNumbers: Sendable {
    private let last = Mutex(0)

    func next() -> Int {
        last.withLock { value in
            value += 1
            return value
        }
    }
}
