/// How many requests one client may make in a window.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    public var requests: Int
    public var window: Duration

    /// Creates a limit.
    public init(requests: Int, window: Duration) {
        self.requests = requests
        self.window = window
    }

    /// Reads `600/min`, `20/s` or `5000/h`.
    /// - Throws: ``DomainError/Code/invalidInput`` naming what was expected.
    public init(parsing text: String) throws(DomainError) {
        let parts = text.split(separator: "/")
        let windows: [String: Duration] = ["s": .seconds(1), "min": .seconds(60), "h": .seconds(3_600)]
        guard parts.count == 2, let requests = Int(parts[0]), requests > 0, let window = windows[String(parts[1])]
        else {
            throw .invalid("rate limit", "requests per window such as 600/min, 20/s or 5000/h, got \"\(text)\"")
        }
        self.init(requests: requests, window: window)
    }

    public var description: String { "\(requests) per \(window)" }
}

/// Whether a request may go ahead, and what the client has left.
public struct RateLimitDecision: Sendable, Hashable {
    public var allowed: Bool
    /// Requests left in the current window.
    public var remaining: Int
    /// How long until the window starts over.
    public var resetIn: Duration

    /// Creates a decision.
    public init(allowed: Bool, remaining: Int, resetIn: Duration) {
        self.allowed = allowed
        self.remaining = remaining
        self.resetIn = resetIn
    }
}

/// Counts each client's requests in fixed windows and refuses those beyond the limit: in this process
/// (``InProcessRateLimiter``) or shared by every instance (Redis).
public protocol RequestRateLimiter: Sendable {
    var limit: RateLimit { get }
    /// Counts a request of `client` and decides on it.
    func admit(_ client: String) async -> RateLimitDecision
}
