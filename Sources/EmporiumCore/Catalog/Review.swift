public import FoundationEssentials

/// A customer's review: one per user and product, rated 1 to 5.
public struct Review: Sendable, Hashable, Codable, Identifiable {
    public var id: Identifier<Review>
    public var productID: Identifier<Product>
    public var userID: Identifier<User>
    /// 1 to 5 stars.
    public var rating: Int
    public var title: String
    public var body: String
    /// True when the reviewer has a paid order containing the product.
    public var verifiedPurchase: Bool
    public var createdAt: Date

    /// Creates a review.
    public init(
        id: Identifier<Review> = .init(),
        productID: Identifier<Product>,
        userID: Identifier<User>,
        rating: Int,
        title: String,
        body: String,
        verifiedPurchase: Bool,
        createdAt: Date
    ) {
        self.id = id
        self.productID = productID
        self.userID = userID
        self.rating = rating
        self.title = title
        self.body = body
        self.verifiedPurchase = verifiedPurchase
        self.createdAt = createdAt
    }

    /// Checks the rating and text lengths.
    public func validate() throws(DomainError) {
        guard (1...5).contains(rating) else { throw .invalid("rating", "a whole number from 1 to 5") }
        guard title.utf8.count <= 200 else { throw .invalid("title", "at most 200 characters") }
        guard body.utf8.count <= 5_000 else { throw .invalid("body", "at most 5,000 characters") }
    }
}
