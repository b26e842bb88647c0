import Testing

@testable import EmporiumRedis

@Suite("The Redis pool's decisions, without I/O")
struct RedisPoolStateMachineTests {
    final class Connection {}
    typealias Pool = RedisPoolStateMachine<Connection, Int>

    func pool(size: Int = 2) -> Pool {
        Pool(size: size, minimumBackoff: .milliseconds(100), maximumBackoff: .seconds(1))
    }

    @Test("connections are opened up to the size, reused when released, and callers beyond it wait")
    func leasing() {
        var pool = pool()
        let now = ContinuousClock.now
        guard case .open = pool.lease(1, at: now), case .open = pool.lease(2, at: now) else {
            Issue.record("the first two callers should open connections")
            return
        }
        guard case .wait = pool.lease(3, at: now) else {
            Issue.record("the third caller should wait")
            return
        }
        pool.opened()
        let first = Connection()
        guard case .hand(let handed, to: 3) = pool.release(first, broken: false) else {
            Issue.record("a released connection should go to the waiter")
            return
        }
        #expect(handed === first)
        _ = pool.release(first, broken: false)
        guard case .use(let reused) = pool.lease(4, at: now) else {
            Issue.record("an idle connection should be reused")
            return
        }
        #expect(reused === first && pool.open == 2)
    }

    @Test("a broken connection is dropped and a waiter is woken to open a new one")
    func brokenConnections() {
        var pool = pool(size: 1)
        let now = ContinuousClock.now
        _ = pool.lease(1, at: now)
        _ = pool.lease(2, at: now)
        guard case .wake([2]) = pool.release(Connection(), broken: true) else {
            Issue.record("the waiter should be woken")
            return
        }
        #expect(pool.open == 0)
        guard case .open = pool.lease(2, at: now) else {
            Issue.record("the woken waiter should open a connection")
            return
        }
    }

    @Test("failed attempts back off, doubling up to the maximum; waiters fail when nothing is left open")
    func backoff() {
        var pool = pool(size: 1)
        let start = ContinuousClock.now
        _ = pool.lease(1, at: start)
        _ = pool.lease(2, at: start)
        guard case .wake([2]) = pool.openFailed(at: start) else {
            Issue.record("the waiter should be woken to fail")
            return
        }
        guard case .fail(let error) = pool.lease(2, at: start + .milliseconds(50)) else {
            Issue.record("within the backoff a caller should fail at once")
            return
        }
        #expect(error.code == .unavailable)
        var delays: [Duration] = []
        var now = start
        for _ in 0..<5 {
            var wait = Duration.zero
            while case .fail = pool.lease(9, at: now + wait) { wait += .milliseconds(10) }
            delays.append(wait)
            now += wait
            _ = pool.openFailed(at: now)
        }
        #expect(
            delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1)]
        )
        _ = pool.lease(9, at: now + .seconds(1))
        pool.opened()
        _ = pool.release(Connection(), broken: false)
        guard case .use = pool.lease(10, at: now + .seconds(1)) else {
            Issue.record("after a success there is no backoff")
            return
        }
    }

    @Test("after shutdown every lease fails and the idle connections are handed back to close")
    func shutdown() {
        var pool = pool()
        _ = pool.lease(1, at: .now)
        pool.opened()
        _ = pool.release(Connection(), broken: false)
        let (idle, waiters) = pool.shutDown()
        #expect(idle.count == 1 && waiters.isEmpty && pool.open == 0)
        guard case .fail(let error) = pool.lease(2, at: .now) else {
            Issue.record("a shut-down pool should fail leases")
            return
        }
        #expect(error.code == .unavailable)
    }
}
