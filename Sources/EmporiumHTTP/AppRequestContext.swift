public import Foundation
public import Hummingbird
public import NIOCore

/// The request context of every Emporium route: Hummingbird's core context, the client's address and, once
/// ``AuthenticationMiddleware`` has run, the signed-in user.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    /// The largest request body accepted; larger ones are answered 413.
    public static let maximumBodySize = 1 << 20

    public var coreContext: CoreRequestContextStorage
    /// The TCP peer, for throttling and traces.
    public let remoteAddress: SocketAddress?
    /// The signed-in user, when the request carried a valid access token.
    public var identity: Identity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { Self.maximumBodySize }

    /// JSON with ISO 8601 dates, keys in order (the same answer is the same bytes) and unescaped slashes.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The client's IP address, `unknown` when there is none (tests without a socket).
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
