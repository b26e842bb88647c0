public import FoundationEssentials

/// What a customer writes about a product.
public struct ReviewSubmission: Sendable, Hashable {
    public var productID: Identifier<Product>
    public var userID: Identifier<User>
    public var rating: Int
    public var title: String
    public var body: String

    /// Creates a submission.
    public init(productID: Identifier<Product>, userID: Identifier<User>, rating: Int, title: String, body: String) {
        self.productID = productID
        self.userID = userID
        self.rating = rating
        self.title = title
        self.body = body
    }
}

/// Accepts reviews: one per user and product, marked "verified purchase" when the user paid for the product.
public struct ReviewService: Sendable {
    let products: any ProductRepository
    let reviews: any ReviewRepository
    let now: @Sendable () -> Date

    /// Creates the service.
    public init(storage: Storage, now: @escaping @Sendable () -> Date = { Date() }) {
        self.products = storage.products
        self.reviews = storage.reviews
        self.now = now
    }

    /// Adds a review.
    /// - Throws: `invalid_input` naming the field, `not_found` for an unknown product, `conflict` for a second
    ///   review by the same user.
    public func submit(_ submission: ReviewSubmission) async throws -> Review {
        guard let product = try await products.product(id: submission.productID), product.isActive else {
            throw DomainError.notFound("Product", submission.productID.description)
        }
        let verified = try await reviews.hasPurchased(product.id, userID: submission.userID)
        let review = Review(
            productID: product.id,
            userID: submission.userID,
            rating: submission.rating,
            title: submission.title,
            body: submission.body,
            verifiedPurchase: verified,
            createdAt: now()
        )
        try review.validate()
        try await reviews.insert(review)
        return review
    }
}
