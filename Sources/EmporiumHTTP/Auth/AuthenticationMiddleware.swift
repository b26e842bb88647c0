public import EmporiumCore
import Foundation
public import Hummingbird

/// Reads `Authorization: Bearer <access token>`. Without the header the request goes on anonymous (routes
/// that need a user answer 401 themselves); with a token that fails any check, or whose session was signed
/// out, it is answered 401 at once.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let tokens: JWTAccessTokens
    let auth: AuthService

    /// Creates the middleware.
    public init(tokens: JWTAccessTokens, auth: AuthService) {
        self.tokens = tokens
        self.auth = auth
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer ",
            let identity = await tokens.identity(in: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)),
            try await auth.isSessionActive(identity.session)
        else { throw APIError.invalidAccessToken }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}
