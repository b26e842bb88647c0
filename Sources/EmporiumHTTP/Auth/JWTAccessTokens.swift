import Crypto
public import EmporiumCore
public import Foundation
import JWTKit

/// Access tokens as JWTs signed with HMAC-SHA256 (jwt-kit).
///
/// Checking a token pins everything an attacker could vary: the header must say `alg: HS256` and name this
/// key's `kid` (jwt-kit would otherwise fall back to a default key), the signature must match, `exp` and `nbf`
/// must hold now, and `iss` and `aud` must be Emporium's.
public final class JWTAccessTokens: AccessTokenIssuing {
    public let settings: AccessTokenSettings
    private let keys = JWTKeyCollection()

    /// Creates the signer and checker.
    public init(settings: AccessTokenSettings) {
        self.settings = settings
    }

    public var lifetime: Duration { settings.lifetime }

    public func issue(for user: User, session: Identifier<RefreshToken>, at time: Date) async throws -> String {
        try await prepareKeys()
        let now = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        let claims = AccessClaims(
            sub: .init(value: user.id.description),
            aud: .init(value: [settings.audience]),
            iss: .init(value: settings.issuer),
            exp: .init(value: now.addingTimeInterval(Double(settings.lifetime.components.seconds))),
            nbf: .init(value: now.addingTimeInterval(-1)),
            iat: .init(value: now),
            jti: .init(value: SecretToken.generate().prefix(32).description),
            role: user.role.rawValue,
            sid: session.description
        )
        return try await keys.sign(claims, kid: JWKIdentifier(string: settings.keyID))
    }

    /// The identity in a valid token, `nil` for any token that fails a check.
    public func identity(in token: String) async -> Identity? {
        guard hasPinnedHeader(token), (try? await prepareKeys()) != nil,
            let claims = try? await keys.verify(token, as: AccessClaims.self),
            claims.iss.value == settings.issuer, claims.aud.value.contains(settings.audience)
        else { return nil }
        return claims.identity
    }

    /// Whether the header is `{"alg":"HS256","kid":<this key>}` (a `typ` of `JWT` may be there too).
    private func hasPinnedHeader(_ token: String) -> Bool {
        struct Header: Decodable {
            var alg: String
            var kid: String?
        }
        guard let encoded = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let bytes = Self.base64URLDecoded(encoded),
            let header = try? JSONDecoder().decode(Header.self, from: Data(bytes))
        else { return false }
        return header.alg == "HS256" && header.kid == settings.keyID
    }

    /// Adds the key under its id and removes the default, so a token without this `kid` has no key to match.
    private func prepareKeys() async throws {
        let id = JWKIdentifier(string: settings.keyID)
        guard (try? await keys.getKey(for: id)) == nil else { return }
        await keys.add(hmac: HMACKey(key: SymmetricKey(data: settings.secret)), digestAlgorithm: .sha256, kid: id)
        await keys.clearDefault()
    }

    private static func base64URLDecoded(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}
