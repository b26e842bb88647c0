import Synchronization

/// Numbers virtual users across the run from 1, so `unique` data rows are never handed out twice. Generator
/// i of n in a distributed run (`--segment i/n`) takes every n-th number from i, so no two generators share one.
final class VUNumbers: Sendable {
    private let handedOut = Mutex(0)
    private let segment: (index: Int, count: Int)

    init(segment: (index: Int, count: Int) = (0, 1)) {
        self.segment = segment
    }

    func next() -> Int {
        let turn = handedOut.withLock { value in
            value += 1
            return value
        }
        return (turn - 1) * segment.count + segment.index + 1
    }
}
