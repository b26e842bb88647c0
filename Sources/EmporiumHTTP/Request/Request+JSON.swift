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
        do {
            return try JSONDecoder().decode(type, from: buffer)
        } catch let error as DecodingError {
            throw error.domainError
        }
    }

    /// The raw body, up to the size limit, for callers that must see the exact bytes (webhook signatures).
    public func rawBody(context: AppRequestContext) async throws -> [UInt8] {
        Array(try await body.collect(upTo: context.maxUploadSize).readableBytesView)
    }
}
