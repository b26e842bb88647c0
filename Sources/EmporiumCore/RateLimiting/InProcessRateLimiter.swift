import Synchronization

/// The embedded request rate limiter: a counter per client and fixed window, in this process. Each instance
/// counts on its own, so behind a load balancer of n instances a client gets up to n times the limit.
public final class InProcessRateLimiter: RequestRateLimiter {
    private struct Window {
        var start: ContinuousClock.Instant
        var count: Int
    }

    public let limit: RateLimit
    /// Clients remembered at most; beyond it, windows that ended are forgotten.
    let capacity: Int
    private let windows = Mutex<[String: Window]>([:])

    /// Creates a limiter.
    public init(limit: RateLimit, capacity: Int = 100_000) {
        self.limit = limit
        self.capacity = capacity
    }

    public func admit(_ client: String) async -> RateLimitDecision {
        admit(client, at: .now)
    }

    /// Counts a request at `now` (tests pass the time).
    func admit(_ client: String, at now: ContinuousClock.Instant) -> RateLimitDecision {
        windows.withLock { windows in
            if windows.count >= capacity {
                windows = windows.filter { now - $0.value.start < limit.window }
            }
            var window =
                windows[client].flatMap { now - $0.start < limit.window ? $0 : nil } ?? Window(start: now, count: 0)
            window.count += 1
            windows[client] = window
            return RateLimitDecision(
                allowed: window.count <= limit.requests,
                remaining: max(limit.requests - window.count, 0),
                resetIn: window.start + limit.window - now
            )
        }
    }
}
