import EmporiumCore
public import Hummingbird

/// Answers 413 at once when `Content-Length` announces a body over the limit, before any handler reads it;
/// bodies without a length are cut off at the limit when they are read.
public struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    /// Creates the middleware.
    public init(limit: Int) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError(
                status: .contentTooLarge,
                code: "content_too_large",
                message: "the request body is \(length) bytes; at most \(limit) are accepted",
                details: ["limit_bytes": .integer(Int64(limit))]
            )
        }
        return try await next(request, context)
    }
}
