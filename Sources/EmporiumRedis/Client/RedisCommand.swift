/// One Redis command with binary-safe arguments, and what it touches, for telemetry.
///
/// ```swift
/// let reply = try await redis.send(RedisCommand("HSET", key, field, value, collection: "cart"))
/// ```
public struct RedisCommand: Sendable, Hashable {
    /// The command name and its arguments, sent as they are (`redisCommandArgv`).
    public var arguments: [[UInt8]]
    /// What the command touches (`cart`, `catalog`, `rate_limit`): `db.collection.name` of its span and the
    /// `db_collection` of `emporium_db_query_duration_seconds`.
    public var collection: String

    public init(_ name: String, _ arguments: any RedisArgument..., collection: String) {
        self.init(name, arguments: arguments, collection: collection)
    }

    public init(_ name: String, arguments: [any RedisArgument], collection: String) {
        self.arguments = [Array(name.utf8)] + arguments.map(\.redisBytes)
        self.collection = collection
    }

    /// The command's name in capitals (`GET`, `HSET`): `db.operation` of its span.
    public var name: String { String(decoding: arguments.first ?? [], as: UTF8.self).uppercased() }
}

/// A value a command can take as an argument: its bytes as Redis stores them.
public protocol RedisArgument: Sendable {
    var redisBytes: [UInt8] { get }
}

extension String: RedisArgument {
    public var redisBytes: [UInt8] { Array(utf8) }
}

extension Substring: RedisArgument {
    public var redisBytes: [UInt8] { Array(utf8) }
}

extension Int: RedisArgument {
    public var redisBytes: [UInt8] { Array(String(self).utf8) }
}

extension Array: RedisArgument where Element == UInt8 {
    public var redisBytes: [UInt8] { self }
}
