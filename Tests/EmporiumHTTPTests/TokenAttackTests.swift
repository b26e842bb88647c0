import EmporiumHTTP
import Foundation
import HTTPTypes
import Testing

@Suite("Access tokens: every attack is a 401")
struct TokenAttackTests {
    /// A way to break a token that is otherwise valid.
    enum Attack: String, CaseIterable, Sendable {
        case algorithmNone = "alg none"
        case otherAlgorithm = "alg HS512 with the right secret"
        case unknownKeyID = "a kid the shop does not have"
        case noKeyID = "no kid"
        case expired = "exp in the past"
        case notYetValid = "nbf in the future"
        case otherAudience = "aud of another service"
        case otherIssuer = "iss of another issuer"
        case tamperedRole = "role changed after signing"
        case revokedSession = "a session that was signed out"
        case garbage = "not a JWT at all"
    }

    static let secret = TokenForge.secret

    @Test("a correctly forged token passes, so each attack below fails for its one flaw")
    func baseline() async throws {
        try await TestShop.run(configure: { $0.accessTokens.secret = Self.secret }) { shop in
            let session = try await shop.signUp()
            let forge = TokenForge(userID: session.userID, session: try TokenForge.session(of: session.accessToken))
            #expect(try await shop.call(.get, "/api/v1/users/me", token: try forge.token()).status == .ok)
        }
    }

    @Test("the attack is refused", arguments: Attack.allCases)
    func attack(_ attack: Attack) async throws {
        try await TestShop.run(configure: { $0.accessTokens.secret = Self.secret }) { shop in
            let session = try await shop.signUp()
            var forge = TokenForge(userID: session.userID, session: try TokenForge.session(of: session.accessToken))
            let now = Int(Date().timeIntervalSince1970)
            var token: String
            switch attack {
            case .algorithmNone:
                forge.header["alg"] = "none"
                token = try forge.token(signature: .none)
            case .otherAlgorithm:
                forge.header["alg"] = "HS512"
                token = try forge.token(signature: .hs512)
            case .unknownKeyID:
                forge.header["kid"] = "emporium-2"
                token = try forge.token()
            case .noKeyID:
                forge.header["kid"] = nil
                token = try forge.token()
            case .expired:
                forge.claims["exp"] = now - 5
                token = try forge.token()
            case .notYetValid:
                forge.claims["nbf"] = now + 600
                token = try forge.token()
            case .otherAudience:
                forge.claims["aud"] = "another-api"
                token = try forge.token()
            case .otherIssuer:
                forge.claims["iss"] = "someone-else"
                token = try forge.token()
            case .tamperedRole:
                let signed = try forge.token().split(separator: ".")
                forge.claims["role"] = "admin"
                let tampered = try forge.token().split(separator: ".")
                token = [signed[0], tampered[1], signed[2]].joined(separator: ".")
            case .revokedSession:
                token = try forge.token()
                _ = try await shop.call(.post, "/api/v1/auth/logout", token: session.accessToken)
            case .garbage:
                token = "not.a.jwt"
            }
            let response = try await shop.call(.get, "/api/v1/users/me", token: token)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "invalid_token")
            #expect(response.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
        }
    }

    @Test("no token on a route that needs one: 401 unauthenticated with a WWW-Authenticate challenge")
    func missingToken() async throws {
        try await TestShop.run { shop in
            for path in ["/api/v1/users/me", "/api/v1/cart", "/api/v1/orders", "/api/v1/notifications"] {
                let response = try await shop.call(.get, path)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.errorCode == "unauthenticated")
                #expect(response.headers[.wwwAuthenticate] != nil)
            }
        }
    }
}
