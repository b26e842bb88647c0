/// The position after the last item of a page: the sort, that item's sort key and its id.
///
/// Clients see it as an opaque token (``token``). Real-valued keys (ratings) travel as their exact bit pattern,
/// so the next page continues exactly where the last one stopped.
public struct SearchCursor: Sendable, Hashable {
    /// The key of the last item under ``sort``.
    public enum Key: Sendable, Hashable {
        case integer(Int64)
        case real(Double)
        /// A relevance position: the match tier (higher tiers first) and the rating within it.
        case relevance(tier: Int, rating: Double)
    }

    public var sort: ProductSort
    public var key: Key
    public var productID: Identifier<Product>

    /// Creates a cursor.
    public init(sort: ProductSort, key: Key, productID: Identifier<Product>) {
        self.sort = sort
        self.key = key
        self.productID = productID
    }

    /// The opaque token: `sort.kind.value.id`, URL-safe.
    public var token: String {
        let value: String
        switch key {
        case .integer(let integer): value = "i\(integer)"
        case .real(let real): value = "r" + String(real.bitPattern, radix: 16)
        case .relevance(let tier, let rating): value = "t\(tier).\(String(rating.bitPattern, radix: 16))"
        }
        return "\(sort.rawValue)~\(value)~\(productID)"
    }

    /// Parses a token made by ``token``.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `cursor` for anything else.
    public init(token: String) throws(DomainError) {
        let parts = token.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count == 3, let sort = ProductSort(rawValue: String(parts[0])),
            let id = Identifier<Product>(String(parts[2])), let key = Self.key(parts[1]), Self.key(key, fits: sort)
        else { throw .invalid("cursor", "a next_cursor value from a previous page") }
        self.init(sort: sort, key: key, productID: id)
    }

    /// Whether a key has the kind its sort orders by.
    private static func key(_ key: Key, fits sort: ProductSort) -> Bool {
        switch (sort, key) {
        case (.relevance, .relevance), (.rating, .real), (.priceAscending, .integer), (.priceDescending, .integer),
            (.newest, .integer):
            true
        default: false
        }
    }

    private static func relevance(_ text: Substring) -> Key? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let tier = Int(parts[0]), let bits = UInt64(parts[1], radix: 16) else { return nil }
        return .relevance(tier: tier, rating: Double(bitPattern: bits))
    }

    private static func key(_ text: Substring) -> Key? {
        switch text.first {
        case "i": Int64(text.dropFirst()).map(Key.integer)
        case "r": UInt64(text.dropFirst(), radix: 16).map { Key.real(Double(bitPattern: $0)) }
        case "t": relevance(text.dropFirst())
        default: nil
        }
    }
}
