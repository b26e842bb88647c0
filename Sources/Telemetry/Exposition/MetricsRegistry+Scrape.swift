import CompressNIO
public import NIOCore

/// A rendered `/metrics` response: body, content type and, when gzip was asked for, its encoding.
public struct ScrapeResponse: Sendable {
    public var contentType: String
    public var contentEncoding: String?
    public var body: ByteBuffer
}

extension MetricsRegistry {
    /// Renders for a scrape: the format its `Accept` prefers, gzip-compressed when `Accept-Encoding` allows.
    public func scrape(accept: String?, acceptEncoding: String?) -> ScrapeResponse {
        let format = ExpositionFormat.negotiate(accept: accept)
        var body = ByteBuffer(bytes: render(format))
        if MediaRange.acceptsGzip(acceptEncoding), let compressed = try? body.compress(with: .gzip()) {
            return ScrapeResponse(contentType: format.contentType, contentEncoding: "gzip", body: compressed)
        }
        return ScrapeResponse(contentType: format.contentType, contentEncoding: nil, body: body)
    }
}
