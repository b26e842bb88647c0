public import EmporiumCore
import HTTPTypes

/// Who is calling: the user of a valid access token, their role and their session.
public struct Identity: Sendable, Hashable {
    public var userID: Identifier<User>
    public var role: Role
    /// The refresh-token family the access token was issued for; signing out revokes it.
    public var session: Identifier<RefreshToken>

    /// Creates an identity.
    public init(userID: Identifier<User>, role: Role, session: Identifier<RefreshToken>) {
        self.userID = userID
        self.role = role
        self.session = session
    }
}

extension AppRequestContext {
    /// The signed-in user.
    /// - Throws: 401 `unauthenticated` when the request carried no access token.
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthenticated }
        return identity
    }

    /// The signed-in user, who must have one of the roles.
    /// - Throws: 401 without a token, 403 `forbidden` with another role.
    public func requireRole(_ roles: Role...) throws -> Identity {
        let identity = try requireIdentity()
        guard roles.contains(identity.role) else {
            let names = roles.map(\.rawValue).joined(separator: " or ")
            throw APIError(status: .forbidden, code: "forbidden", message: "this needs the \(names) role")
        }
        return identity
    }
}
