import EmporiumCore
import FoundationEssentials
import JWTKit

/// The claims of an Emporium access token.
struct AccessClaims: JWTPayload {
    var sub: SubjectClaim
    var aud: AudienceClaim
    var iss: IssuerClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim
    var iat: IssuedAtClaim
    var jti: IDClaim
    /// The user's role when the token was issued.
    var role: String
    /// The session (refresh-token family) the token belongs to.
    var sid: String

    /// Checks the times; the signature was checked before, the audience and issuer are checked by the caller.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try nbf.verifyNotBefore()
    }

    /// The identity the claims name.
    var identity: Identity? {
        guard let userID = Identifier<User>(sub.value), let role = Role(rawValue: role),
            let session = Identifier<RefreshToken>(sid)
        else { return nil }
        return Identity(userID: userID, role: role, session: session)
    }
}
