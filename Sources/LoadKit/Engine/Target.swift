import Foundation

/// Where requests go: the scheme, host and port of the base URL, and a path prefix.
public struct Target: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Prepended to every step's path (the base URL's own path, without a trailing slash).
    public var pathPrefix: String

    /// Parses `http://host[:port][/prefix]`.
    /// - Throws: ``ScenarioError`` naming `--target` (HTTPS is not supported: put the generator beside the service).
    public init(url: String, field: String = "--target") throws(ScenarioError) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw ScenarioError(
                file: field,
                line: 0,
                field: "",
                message: "expected a URL such as http://127.0.0.1:8080, got \"\(url)\""
            )
        }
        guard components.scheme == "http" else {
            throw ScenarioError(
                file: field,
                line: 0,
                field: "",
                message: "only http:// targets are supported, got \"\(url)\""
            )
        }
        self.host = host
        self.port = components.port ?? 80
        let path = components.path
        self.pathPrefix = path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The `Host` header value.
    var hostHeader: String { port == 80 ? host : "\(host):\(port)" }

    public var description: String { "http://\(hostHeader)\(pathPrefix)" }
}
