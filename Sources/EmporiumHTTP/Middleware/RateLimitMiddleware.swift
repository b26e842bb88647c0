public import EmporiumCore
import HTTPTypes
public import Hummingbird

/// Refuses a client's requests beyond the rate limit with `429 rate_limited` and `Retry-After`, and tells every
/// answer how many requests are left (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`, as the IETF
/// RateLimit header fields draft names them). The client is the peer address.
public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let limiter: any RequestRateLimiter

    public init(limiter: any RequestRateLimiter) {
        self.limiter = limiter
    }

    public func handle(
        _ request: Request,
        context: AppRequestContext,
        next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let decision = await limiter.admit(context.clientAddress)
        let reset = max(Int((decision.resetIn / .seconds(1)).rounded(.up)), 1)
        guard decision.allowed else {
            throw APIError(
                status: .tooManyRequests,
                code: "rate_limited",
                message: "Too many requests: at most \(limiter.limit.requests) per window; retry in \(reset) s.",
                details: ["retry_after_seconds": .integer(Int64(reset))],
                headers: [.retryAfter: "\(reset)"]
            )
        }
        var response = try await next(request, context)
        response.headers[Self.limitField] = "\(limiter.limit.requests)"
        response.headers[Self.remainingField] = "\(decision.remaining)"
        response.headers[Self.resetField] = "\(reset)"
        return response
    }

    static let limitField = HTTPField.Name("RateLimit-Limit")!
    static let remainingField = HTTPField.Name("RateLimit-Remaining")!
    static let resetField = HTTPField.Name("RateLimit-Reset")!
}
