import EmporiumCore
import FoundationEssentials
public import Hummingbird
import NIOCore
import NIOFoundationCompat

extension Request {
    /// Decodes the JSON body. A failure names the field and what was expected (400), an oversized body is 413.
    public func decodeJSON<Value: Decodable>(as type: Value.Type, context: AppRequestContext) async throws -> Value {
        guard let value = try await decodeJSONIfPresent(as: type, context: context) else {
            throw DomainError.invalid("body", "a JSON object")
        }
        return value
    }

    /// Decodes the JSON body, or returns `nil` when there is none.
    public func decodeJSONIfPresent<Value: Decodable>(as type: Value.Type, context: AppRequestContext) async throws
        -> Value?
    {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        guard !Self.escapesNUL(buffer.readableBytesView) else {
            throw DomainError.invalid("body", "text without NUL characters (\\u0000), which PostgreSQL cannot store")
        }
        do {
            return try JSONDecoder().decode(type, from: buffer)
        } catch let error as DecodingError {
            throw error.domainError
        }
    }

    /// Whether JSON text holds the escape `\u0000` (a NUL character; PostgreSQL refuses it in text). An escaped
    /// backslash followed by `u0000` is text, not the escape.
    static func escapesNUL(_ bytes: ByteBufferView) -> Bool {
        let zero = UInt8(ascii: "0")
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "\\"), bytes.index(after: index) < bytes.endIndex else {
                index = bytes.index(after: index)
                continue
            }
            let escaped = bytes.index(after: index)
            if bytes[escaped] == UInt8(ascii: "u"), bytes.distance(from: escaped, to: bytes.endIndex) > 4,
                bytes[bytes.index(escaped, offsetBy: 1)...bytes.index(escaped, offsetBy: 4)].allSatisfy({ $0 == zero })
            {
                return true
            }
            index = bytes.index(after: escaped)
        }
        return false
    }

    /// The raw body, up to the size limit, for callers that must see the exact bytes (webhook signatures).
    public func rawBody(context: AppRequestContext) async throws -> [UInt8] {
        Array(try await body.collect(upTo: context.maxUploadSize).readableBytesView)
    }
}
