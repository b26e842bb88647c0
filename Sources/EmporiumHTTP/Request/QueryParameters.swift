public import EmporiumCore
public import Hummingbird

/// Typed reads of query parameters whose failures name the parameter.
public struct QueryParameters: Sendable {
    let parameters: Hummingbird.Parameters

    /// Reads the request's query.
    public init(_ request: Request) {
        self.parameters = request.uri.queryParameters
    }

    /// A text parameter; empty counts as absent.
    /// - Throws: `invalid_input` naming the parameter when it holds a NUL character (PostgreSQL cannot store one).
    public func text(_ name: String) throws(DomainError) -> String? {
        guard let value = parameters.get(name), !value.isEmpty else { return nil }
        guard !value.unicodeScalars.contains("\0") else { throw .invalid(name, "text without NUL characters") }
        return value
    }

    /// A whole number.
    /// - Throws: `invalid_input` naming the parameter.
    public func integer(_ name: String) throws(DomainError) -> Int64? {
        guard let text = try text(name) else { return nil }
        guard let value = Int64(text) else { throw .invalid(name, "a whole number, got \"\(text)\"") }
        return value
    }

    /// A page size: a whole number; it is clamped later, so `limit=1000000` asks for the largest page.
    public func limit() throws(DomainError) -> Int? {
        guard let value = try integer("limit") else { return nil }
        return Int(clamping: value)
    }

    /// `true` or `false` (also `1`/`0`).
    public func flag(_ name: String) throws(DomainError) -> Bool? {
        guard let text = try text(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalid(name, "true or false, got \"\(text)\"")
        }
    }
}

extension Parameters {
    /// A path parameter as a typed identifier.
    /// - Throws: 404 `not_found` when it is not a UUID: no such entity can exist.
    public func identifier<Entity>(_ name: String, of entity: String) throws -> Identifier<Entity> {
        let text = try require(name)
        guard let id = Identifier<Entity>(text) else { throw DomainError.notFound(entity, text) }
        return id
    }
}
