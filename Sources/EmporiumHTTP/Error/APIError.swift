public import EmporiumCore
import Foundation
public import Hummingbird
import NIOCore

/// An error answered as `{"error": {"code", "message", "details"}}` with its HTTP status.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var details: [String: DetailValue]
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPFields

    public init(
        status: HTTPResponse.Status,
        code: String,
        message: String,
        details: [String: DetailValue] = [:],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(error: .init(code: code, message: message, details: details)))
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A request without an access token on a route that needs one.
    static let unauthenticated = APIError(
        status: .unauthorized,
        code: "unauthenticated",
        message: "sign in first: send Authorization: Bearer <access_token> from POST /api/v1/auth/login",
        headers: [.wwwAuthenticate: #"Bearer realm="emporium""#]
    )

    /// An access token that failed a check; the reason stays in the logs.
    static let invalidAccessToken = APIError(
        status: .unauthorized,
        code: "invalid_token",
        message: "the access token is invalid, expired or signed out: refresh it or sign in again",
        headers: [.wwwAuthenticate: #"Bearer realm="emporium", error="invalid_token""#]
    )

    private struct Body: Encodable {
        struct Content: Encodable {
            var code: String
            var message: String
            var details: [String: DetailValue]
        }
        var error: Content
    }
}

extension DetailValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .list(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }
}
