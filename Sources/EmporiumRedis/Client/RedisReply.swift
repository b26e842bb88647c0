/// A Redis answer (RESP2).
public enum RedisReply: Sendable, Hashable {
    /// `+OK`, `+PONG`.
    case status(String)
    /// `-ERR …`, `-WRONGTYPE …`: what ``RedisClient/send(_:)`` throws as ``RedisError/Code/server``; in a
    /// pipeline's answers it stands in the place of the command that failed.
    case error(String)
    case integer(Int)
    /// A bulk string: bytes, not necessarily text.
    case bulkString([UInt8])
    /// A missing key or value.
    case null
    case array([RedisReply])

    /// The text of a bulk string (UTF-8) or a status; `nil` otherwise.
    public var string: String? {
        switch self {
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    /// The bytes of a bulk string; `nil` otherwise.
    public var bytes: [UInt8]? {
        if case .bulkString(let bytes) = self { bytes } else { nil }
    }

    /// An integer reply, or a bulk string holding one (`GET` of a counter); `nil` otherwise.
    public var integer: Int? {
        switch self {
        case .integer(let value): value
        case .bulkString(let bytes): Int(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    /// The elements of an array reply; `nil` otherwise.
    public var array: [RedisReply]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    public var isNull: Bool { self == .null }
}
