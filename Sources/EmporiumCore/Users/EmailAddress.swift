/// An email address in its normalised form: trimmed and lower-cased, so `Ann@Example.com ` and
/// `ann@example.com` are the same account.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// Normalises and checks an address: one `@`, a non-empty local part, a dotted domain, at most 254 bytes.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `email`.
    public init(_ text: String) throws(DomainError) {
        let normalised = String(text.trimmingWhitespace()).lowercased()
        let parts = normalised.split(separator: "@", omittingEmptySubsequences: false)
        guard normalised.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !normalised.contains(where: \.isWhitespace)
        else {
            throw .invalid("email", "an address such as name@example.com, got \"\(text)\"")
        }
        self.value = normalised
    }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        self = try EmailAddress(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
