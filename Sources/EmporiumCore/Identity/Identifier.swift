public import FoundationEssentials

/// A typed identifier: a UUID that cannot be mixed up with another entity's.
///
/// `Identifier<Product>` and `Identifier<Order>` are different types. Identifiers order as their lower-case text,
/// which is also the order PostgreSQL's `uuid` and SQLite's text columns use, so "product-id order" is the same
/// everywhere.
public struct Identifier<Entity>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public let uuid: UUID

    /// Wraps a UUID.
    public init(_ uuid: UUID) { self.uuid = uuid }

    /// A new random (version 4) identifier.
    public init() { self.uuid = UUID() }

    /// Parses the canonical text form; `nil` when it is not a UUID.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// Parses the canonical text form of a field.
    /// - Throws: ``DomainError/Code/invalidInput`` naming the field when the text is not a UUID.
    public init(parsing text: String, field: String) throws(DomainError) {
        guard let uuid = UUID(uuidString: text) else { throw .invalid(field, "a UUID, got \"\(text)\"") }
        self.uuid = uuid
    }

    /// The lower-case canonical text, as stored and sent.
    public var description: String { uuid.uuidString.lowercased() }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        self.uuid = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
