/// The connection pool's decisions, without I/O: which connection a caller gets, when one is opened, who waits,
/// and how long to back off after failed connection attempts. ``RedisClient`` carries out the actions.
struct RedisPoolStateMachine<Connection: AnyObject, Waiter> {
    enum LeaseAction {
        /// Use this idle connection, opened earlier.
        case use(Connection)
        /// Open a new connection (counted already), then report ``opened(_:)`` or ``openFailed(at:)``.
        case open
        /// All connections are in use: wait; ``release(_:broken:)`` or a failure hands the waiter on.
        case wait
        /// Fail at once: backing off after failed attempts, or shut down.
        case fail(RedisError)
    }

    /// What to do with waiters after a release or a failure.
    enum Handoff {
        case none
        /// Give this connection to this waiter.
        case hand(Connection, to: Waiter)
        /// Wake these waiters without a connection, to lease again: one was dropped, so they may open one,
        /// or an attempt failed with nothing left open to come back to them, so they fail.
        case wake([Waiter])
    }

    let size: Int
    let minimumBackoff: Duration
    let maximumBackoff: Duration
    private var idle: [Connection] = []
    /// Connections leased, idle or being opened.
    private(set) var open = 0
    private var waiters: [Waiter] = []
    private var consecutiveFailures = 0
    private var retryAt: ContinuousClock.Instant?
    private var isShutDown = false

    init(size: Int, minimumBackoff: Duration, maximumBackoff: Duration) {
        self.size = size
        self.minimumBackoff = minimumBackoff
        self.maximumBackoff = maximumBackoff
    }

    mutating func lease(_ waiter: Waiter, at now: ContinuousClock.Instant) -> LeaseAction {
        if isShutDown { return .fail(RedisError(.unavailable, "the Redis client is shut down")) }
        if let connection = idle.popLast() { return .use(connection) }
        if open < size {
            if let retryAt, now < retryAt {
                let wait = Int(((retryAt - now) / .milliseconds(1)).rounded(.up))
                return .fail(RedisError(.unavailable, "Redis is unreachable; the next attempt is in \(wait) ms"))
            }
            open += 1
            return .open
        }
        waiters.append(waiter)
        return .wait
    }

    mutating func opened() {
        consecutiveFailures = 0
        retryAt = nil
    }

    /// A connection attempt failed: back off, and wake the waiters when no connection is left to serve them.
    mutating func openFailed(at now: ContinuousClock.Instant) -> Handoff {
        open -= 1
        consecutiveFailures += 1
        let doublings = min(consecutiveFailures - 1, 16)
        retryAt = now + min(minimumBackoff * (1 << doublings), maximumBackoff)
        guard open == 0, !waiters.isEmpty else { return .none }
        defer { waiters = [] }
        return .wake(waiters)
    }

    /// A caller is done with its connection; a broken one is dropped.
    mutating func release(_ connection: Connection, broken: Bool) -> Handoff {
        if broken || isShutDown {
            open -= 1
            guard !waiters.isEmpty else { return .none }
            return .wake([waiters.removeFirst()])
        }
        guard waiters.isEmpty else { return .hand(connection, to: waiters.removeFirst()) }
        idle.append(connection)
        return .none
    }

    /// A reused connection was found dead (Redis restarted, or closed idle clients): the other idle ones are
    /// likely dead too. Returns them to close.
    mutating func dropIdle() -> [Connection] {
        defer {
            open -= idle.count
            idle = []
        }
        return idle
    }

    /// Stops the pool: the idle connections to close and the waiters to fail.
    mutating func shutDown() -> (idle: [Connection], waiters: [Waiter]) {
        isShutDown = true
        defer {
            open -= idle.count
            idle = []
            waiters = []
        }
        return (idle, waiters)
    }
}
