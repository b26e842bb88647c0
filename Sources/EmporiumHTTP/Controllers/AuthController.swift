import EmporiumCore
import Foundation
import Hummingbird

/// `/auth/...` and `/users/me`: registration, sign-in, token refresh, sign-out, password reset, the profile.
struct AuthController {
    let shop: Shop

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.post("/auth/register", use: register)
        router.post("/auth/login", use: login)
        router.post("/auth/refresh", use: refresh)
        router.post("/auth/logout", use: logout)
        router.post("/auth/password-reset", use: requestPasswordReset)
        router.post("/auth/password-reset/confirm", use: confirmPasswordReset)
        router.get("/users/me", use: profile)
        router.patch("/users/me", use: updateProfile)
    }

    /// 201 whether or not the address was free: the answer never tells whether an account exists.
    @Sendable func register(_ request: Request, context: AppRequestContext) async throws
        -> EditedResponse<RegisterResponse>
    {
        let body = try await request.decodeJSON(as: RegisterRequest.self, context: context)
        try await shop.auth.register(email: body.email, name: body.name, password: body.password)
        return EditedResponse(status: .created, response: RegisterResponse(email: try EmailAddress(body.email).value))
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> TokenResponse {
        let body = try await request.decodeJSON(as: LoginRequest.self, context: context)
        let signedIn = try await shop.auth.login(
            email: body.email,
            password: body.password,
            clientAddress: context.clientAddress
        )
        return TokenResponse(signedIn)
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> TokenResponse {
        let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        return TokenResponse(try await shop.auth.refresh(body.refreshToken))
    }

    /// Ends the session of the access token, and of the refresh token when one is sent; 204 either way.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let body = try await request.decodeJSONIfPresent(as: RefreshRequest.self, context: context)
        guard body != nil || context.identity != nil else { throw APIError.unauthenticated }
        if let identity = context.identity { try await shop.auth.logout(session: identity.session) }
        if let body { try await shop.auth.logout(refreshToken: body.refreshToken) }
        return .noContent
    }

    /// 202 whether or not the address has an account.
    @Sendable func requestPasswordReset(_ request: Request, context: AppRequestContext) async throws
        -> EditedResponse<Acknowledgement>
    {
        let body = try await request.decodeJSON(as: PasswordResetRequest.self, context: context)
        try await shop.auth.requestPasswordReset(email: body.email)
        return EditedResponse(
            status: .accepted,
            response: Acknowledgement(message: "If the address has an account, a reset token is on its way by email.")
        )
    }

    @Sendable func confirmPasswordReset(_ request: Request, context: AppRequestContext) async throws
        -> HTTPResponse.Status
    {
        let body = try await request.decodeJSON(as: PasswordResetConfirmation.self, context: context)
        try await shop.auth.confirmPasswordReset(token: body.token, newPassword: body.password)
        return .noContent
    }

    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> UserBody {
        UserBody(try await currentUser(context))
    }

    @Sendable func updateProfile(_ request: Request, context: AppRequestContext) async throws -> UserBody {
        var user = try await currentUser(context)
        let body = try await request.decodeJSON(as: UpdateUserRequest.self, context: context)
        if let name = body.name {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.utf8.count <= 200 else {
                throw DomainError.invalid("name", "1 to 200 characters")
            }
            user.name = trimmed
            try await shop.storage.users.update(user)
        }
        return UserBody(user)
    }

    private func currentUser(_ context: AppRequestContext) async throws -> User {
        let identity = try context.requireIdentity()
        guard let user = try await shop.storage.users.user(id: identity.userID) else {
            throw APIError.invalidAccessToken
        }
        return user
    }
}
