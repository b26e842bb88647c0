/// An ISO 4217 currency code such as `USD`, with the number of minor units it uses.
public struct Currency: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The three upper-case letters of the code.
    public let code: String

    /// Parses a three-letter code, accepting lower case.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `currency` when it is not three letters.
    public init(_ code: String) throws(DomainError) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw .invalid("currency", "a three-letter ISO 4217 code such as USD, got \"\(code)\"")
        }
        self.code = upper
    }

    private init(known code: String) { self.code = code }

    public var description: String { code }

    /// US dollars, the demo shop's currency.
    public static let usd = Currency(known: "USD")
    /// Euros.
    public static let eur = Currency(known: "EUR")

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try Currency(container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
