import EmporiumCore
import HTTPTypes
import Testing

@Suite("Request rate limits over HTTP")
struct RateLimitMiddlewareTests {
    @Test("beyond the limit a client gets 429 rate_limited with Retry-After; every answer says what is left")
    func limited() async throws {
        let limiter = InProcessRateLimiter(limit: RateLimit(requests: 3, window: .seconds(60)))
        try await TestShop.run(rateLimiter: limiter) { shop in
            for remaining in [2, 1, 0] {
                let answer = try await shop.call(.get, "/api/v1/products")
                #expect(answer.status == .ok)
                #expect(answer.headers[HTTPField.Name("RateLimit-Remaining")!] == "\(remaining)")
                #expect(answer.headers[HTTPField.Name("RateLimit-Limit")!] == "3")
            }
            let refused = try await shop.call(.get, "/api/v1/products")
            #expect(refused.status == .tooManyRequests && refused.errorCode == "rate_limited", "\(refused.text)")
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect((55...60).contains(retryAfter))
            #expect(try await shop.call(.get, "/health/ready").status == .ok, "operational routes are not limited")
        }
    }
}
