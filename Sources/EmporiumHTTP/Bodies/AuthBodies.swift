import EmporiumCore
import FoundationEssentials
import Hummingbird

/// `POST /auth/register`.
struct RegisterRequest: Decodable {
    var email: String
    var password: String
    var name: String
}

/// The answer to a registration, the same whether or not the address already had an account.
struct RegisterResponse: ResponseEncodable {
    var email: String
    var message = "If this address was free, the account now exists: sign in with POST /api/v1/auth/login."
}

/// `POST /auth/login`.
struct LoginRequest: Decodable {
    var email: String
    var password: String
}

/// `POST /auth/refresh` and, optionally, `POST /auth/logout`.
struct RefreshRequest: Decodable {
    var refreshToken: String

    enum CodingKeys: String, CodingKey {
        case refreshToken = "refresh_token"
    }
}

/// A new pair of tokens.
struct TokenResponse: ResponseEncodable {
    var accessToken: String
    var refreshToken: String
    var tokenType = "Bearer"
    var expiresIn: Int

    init(_ signedIn: SignedIn) {
        accessToken = signedIn.accessToken
        refreshToken = signedIn.refreshToken
        expiresIn = signedIn.expiresIn
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

/// `POST /auth/password-reset`.
struct PasswordResetRequest: Decodable {
    var email: String
}

/// `POST /auth/password-reset/confirm`.
struct PasswordResetConfirmation: Decodable {
    var token: String
    var password: String
}

/// A short acknowledgement for requests whose effect is not shown (password reset).
struct Acknowledgement: ResponseEncodable {
    var message: String
}

/// A user as the user sees themselves: never the password hash.
struct UserBody: ResponseEncodable {
    var id: Identifier<User>
    var email: EmailAddress
    var name: String
    var role: Role
    var createdAt: Date

    init(_ user: User) {
        id = user.id
        email = user.email
        name = user.name
        role = user.role
        createdAt = user.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email, name, role
        case createdAt = "created_at"
    }
}

/// `PATCH /users/me`: the fields a user may change. Anything else (`role`, `email`) is ignored.
struct UpdateUserRequest: Decodable {
    var name: String?
}
