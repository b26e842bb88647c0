import Crypto
import Foundation

/// Builds JWTs by hand, valid or broken in one chosen way, to attack the shop's token checks.
struct TokenForge {
    /// The secret the test shop signs with (set through its configuration).
    static let secret = Array("a test secret of more than thirty-two bytes".utf8)

    var header: [String: Any] = ["alg": "HS256", "kid": "emporium-1", "typ": "JWT"]
    var claims: [String: Any]

    /// Claims for a user that pass every check, issued now.
    init(userID: String, session: String, role: String = "customer") {
        let now = Int(Date().timeIntervalSince1970)
        claims = [
            "sub": userID, "sid": session, "role": role, "aud": "emporium-api", "iss": "emporium",
            "iat": now, "nbf": now - 1, "exp": now + 600, "jti": UUID().uuidString,
        ]
    }

    /// The token signed with HS256 (or HS512, or not at all) over the header and claims.
    func token(signature: Signature = .hs256) throws -> String {
        let input = try Self.encode(header) + "." + Self.encode(claims)
        switch signature {
        case .hs256:
            return input + "."
                + Self.base64URL(
                    Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Self.secret)))
                )
        case .hs512:
            return input + "."
                + Self.base64URL(
                    Data(HMAC<SHA512>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Self.secret)))
                )
        case .none:
            return input + "."
        }
    }

    enum Signature {
        case hs256
        case hs512
        case none
    }

    private static func encode(_ object: [String: Any]) throws -> String {
        base64URL(try JSONSerialization.data(withJSONObject: object, options: .sortedKeys))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The session id inside a real access token.
    static func session(of accessToken: String) throws -> String {
        let payload = String(accessToken.split(separator: ".")[1])
        var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let claims = try JSONSerialization.jsonObject(with: Data(base64Encoded: base64)!) as! [String: Any]
        return claims["sid"] as! String
    }
}
