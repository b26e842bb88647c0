import Foundation

/// Where Redis is and how the client talks to it. Built from `redis://[user[:password]@]host[:port][/database]`
/// (`--redis URL`, `EMPORIUM_REDIS_URL`), with defaults for the rest.
public struct RedisConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// The ACL user (Redis 6+); `nil` authenticates as `default` with ``password`` alone.
    public var username: String?
    public var password: String?
    /// The database number `SELECT`ed on every new connection.
    public var database: Int
    /// The most connections open at once, and the threads that run their blocking calls.
    public var poolSize = 8
    public var connectTimeout: Duration = .seconds(1)
    /// The longest a command may wait for its answer; the connection is then closed and replaced.
    public var commandTimeout: Duration = .seconds(1)
    /// After a failed connection attempt the next waits this long, doubling per failure up to
    /// ``maximumBackoff``; in between, commands fail at once with ``RedisError/Code/unavailable``.
    public var minimumBackoff: Duration = .milliseconds(100)
    public var maximumBackoff: Duration = .seconds(5)

    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// Reads a `redis://` URL.
    /// - Throws: ``RedisError/Code/invalidURL`` naming what is wrong.
    public init(url: String) throws(RedisError) {
        let expected = "expected redis://[user[:password]@]host[:port][/database]"
        guard let components = URLComponents(string: url), components.scheme == "redis" else {
            throw RedisError(.invalidURL, "\(expected), got \"\(Self.redacted(url))\"")
        }
        guard let host = components.host, !host.isEmpty else {
            throw RedisError(.invalidURL, "no host in \"\(Self.redacted(url))\", \(expected)")
        }
        let path = components.path.drop { $0 == "/" }
        guard path.isEmpty || Int(path).map({ $0 >= 0 }) == true else {
            throw RedisError(.invalidURL, "database \"\(path)\" is not a number from 0, \(expected)")
        }
        self.init(
            host: host,
            port: components.port ?? 6379,
            username: components.percentEncodedUser.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding },
            password: components.percentEncodedPassword?.removingPercentEncoding,
            database: Int(path) ?? 0
        )
    }

    /// The URL without its password, for logs and readiness.
    public var redactedURL: String {
        let user = username.map { "\($0)\(password == nil ? "" : ":***")@" } ?? (password == nil ? "" : ":***@")
        return "redis://\(user)\(host):\(port)/\(database)"
    }

    private static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://") else { return url }
        return String(url[..<scheme.upperBound]) + "***" + String(url[at...])
    }
}
