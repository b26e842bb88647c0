import FoundationEssentials
public import Hummingbird
import NIOCore

/// An error answered as `{"error": {"code", "message", "details"}}` with its HTTP status.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var details: [String: String]

    public init(status: HTTPResponse.Status, code: String, message: String, details: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = try encoder.encode(Body(error: .init(code: code, message: message, details: details)))
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    private struct Body: Encodable {
        struct Content: Encodable {
            var code: String
            var message: String
            var details: [String: String]
        }
        var error: Content
    }
}
