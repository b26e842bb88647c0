/// A catalog search: text, filters, sort order and a page position.
public struct ProductQuery: Sendable, Hashable {
    /// The most items a page may hold; larger limits are clamped to it.
    public static let maxLimit = 100
    /// The page size when none is asked for.
    public static let defaultLimit = 20

    /// Words to match in name, brand and description, ranked by relevance; `nil` lists everything.
    public var text: String?
    /// Only products in this category or any of its descendants.
    public var categoryID: Identifier<Category>?
    /// Lowest price in minor units, inclusive.
    public var minPrice: Int64?
    /// Highest price in minor units, inclusive.
    public var maxPrice: Int64?
    /// Only products with available stock.
    public var inStockOnly: Bool
    public var sort: ProductSort
    /// Where the previous page stopped.
    public var cursor: SearchCursor?
    /// Page size, already clamped to 1...``maxLimit``.
    public private(set) var limit: Int

    /// Creates a query; `sort` defaults to relevance with text and newest without, and `limit` is clamped.
    /// - Throws: ``DomainError/Code/invalidInput`` for a relevance sort without text, a cursor of another sort,
    ///   or a price range whose bounds are reversed or negative.
    public init(
        text: String? = nil,
        categoryID: Identifier<Category>? = nil,
        minPrice: Int64? = nil,
        maxPrice: Int64? = nil,
        inStockOnly: Bool = false,
        sort: ProductSort? = nil,
        cursor: SearchCursor? = nil,
        limit: Int? = nil
    ) throws(DomainError) {
        let words = text.map { String($0.trimmingWhitespace()) }.flatMap { $0.isEmpty ? nil : $0 }
        self.text = words
        self.categoryID = categoryID
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.inStockOnly = inStockOnly
        self.sort = sort ?? (words == nil ? .newest : .relevance)
        self.cursor = cursor
        self.limit = min(max(limit ?? Self.defaultLimit, 1), Self.maxLimit)
        try validate()
    }

    /// Search terms as plain words (letters and digits), each once, at most 16, for the database's full-text
    /// syntax. (A repeated word adds nothing to the match, but the databases would count it twice when they
    /// estimate how many products match.)
    public var searchTerms: [String] {
        guard let text else { return [] }
        var seen: Set<String> = []
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return Array(words.filter { seen.insert($0).inserted }.prefix(16))
    }

    private func validate() throws(DomainError) {
        if sort == .relevance, searchTerms.isEmpty { throw .invalid("sort", "relevance needs a search text (q)") }
        if let minPrice, minPrice < 0 { throw .invalid("min_price", "zero or more minor units") }
        if let maxPrice, maxPrice < 0 { throw .invalid("max_price", "zero or more minor units") }
        if let minPrice, let maxPrice, minPrice > maxPrice {
            throw .invalid("max_price", "at least min_price (\(minPrice))")
        }
        if let cursor, cursor.sort != sort {
            throw .invalid("cursor", "a cursor from a \(sort.rawValue) search, got one from \(cursor.sort.rawValue)")
        }
    }
}

/// The orders a catalog page can come in. Ties are broken by product id, in the same direction as the key, so
/// pages never overlap.
public enum ProductSort: String, Sendable, Hashable, Codable, CaseIterable {
    /// Best text match first (needs text).
    case relevance
    case priceAscending = "price_asc"
    case priceDescending = "price_desc"
    /// Most recently added first.
    case newest
    /// Highest average rating first; unrated products last.
    case rating

    /// Parses a sort name.
    public init(parsing text: String) throws(DomainError) {
        guard let sort = ProductSort(rawValue: text) else {
            let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalid("sort", "one of \(names), got \"\(text)\"")
        }
        self = sort
    }

    /// True when larger keys come first.
    public var isDescending: Bool { self != .priceAscending }
}

/// One page of search results and the cursor for the next, `nil` on the last page.
public struct ProductPage: Sendable, Hashable {
    public var items: [Product]
    public var nextCursor: SearchCursor?

    /// Creates a page.
    public init(items: [Product], nextCursor: SearchCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
