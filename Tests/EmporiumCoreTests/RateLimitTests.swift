import Testing

@testable import EmporiumCore

@Suite("Request rate limits in the process")
struct RateLimitTests {
    @Test("limits read as requests per second, minute or hour; anything else names what was expected")
    func parsing() throws {
        #expect(try RateLimit(parsing: "600/min") == RateLimit(requests: 600, window: .seconds(60)))
        #expect(try RateLimit(parsing: "20/s") == RateLimit(requests: 20, window: .seconds(1)))
        #expect(try RateLimit(parsing: "5000/h") == RateLimit(requests: 5_000, window: .seconds(3_600)))
        for text in ["600", "0/min", "ten/s", "5/day"] {
            let error = #expect(throws: DomainError.self) { try RateLimit(parsing: text) }
            #expect(error?.message.contains("such as 600/min") == true, "\(text)")
        }
    }

    @Test("a client gets the limit per window, others are counted apart, and a new window starts over")
    func windows() {
        let limiter = InProcessRateLimiter(limit: RateLimit(requests: 3, window: .seconds(60)))
        let start = ContinuousClock.now
        let decisions = (0..<4).map { limiter.admit("203.0.113.1", at: start + .seconds($0)) }
        #expect(decisions.map(\.allowed) == [true, true, true, false])
        #expect(decisions.map(\.remaining) == [2, 1, 0, 0])
        #expect(decisions[3].resetIn == .seconds(57))
        #expect(limiter.admit("203.0.113.2", at: start + .seconds(5)).allowed, "another client has its own count")
        #expect(limiter.admit("203.0.113.1", at: start + .seconds(60)).allowed, "the next window starts over")
    }

    @Test("beyond its capacity the limiter forgets windows that ended, not current ones")
    func capacity() {
        let limiter = InProcessRateLimiter(limit: RateLimit(requests: 1, window: .seconds(10)), capacity: 2)
        let start = ContinuousClock.now
        _ = limiter.admit("a", at: start)
        _ = limiter.admit("b", at: start + .seconds(9))
        _ = limiter.admit("c", at: start + .seconds(11))  // forgets a, whose window ended
        #expect(!limiter.admit("b", at: start + .seconds(12)).allowed, "b's window is still current")
    }
}
