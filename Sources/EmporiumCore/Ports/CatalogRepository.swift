/// Stores products with their stock and the category tree, and answers catalog searches.
public protocol ProductRepository: Sendable {
    /// Adds a product. - Throws: ``DomainError/Code/conflict`` when the sku is taken.
    func insert(_ product: Product) async throws
    func product(id: Identifier<Product>) async throws -> Product?
    /// The products with these ids that exist, in no particular order.
    func products(ids: [Identifier<Product>]) async throws -> [Product]
    /// Replaces the seller-editable fields (not stock or rating). - Throws: ``DomainError/Code/notFound``.
    func update(_ product: Product) async throws
    /// Sets the units on hand. - Throws: ``DomainError/Code/invalidInput`` when below what is reserved.
    func setStock(of id: Identifier<Product>, onHand: Int) async throws
    /// Text search with filters, sort and keyset pagination.
    func search(_ query: ProductQuery) async throws -> ProductPage
}

/// Stores the category tree.
public protocol CategoryRepository: Sendable {
    /// Adds a category. - Throws: ``DomainError/Code/conflict`` when the slug is taken.
    func insert(_ category: Category) async throws
    /// Every category, parents before children.
    func categories() async throws -> [Category]
}

/// Stores reviews and keeps each product's rating summary in step.
public protocol ReviewRepository: Sendable {
    /// Adds a review and updates the product's rating in the same transaction.
    /// - Throws: ``DomainError/Code/conflict`` when the user already reviewed the product.
    func insert(_ review: Review) async throws
    /// A product's reviews, newest first.
    func reviews(of productID: Identifier<Product>, limit: Int) async throws -> [Review]
    /// Whether the user has an order for the product that was paid (and not canceled).
    func hasPurchased(_ productID: Identifier<Product>, userID: Identifier<User>) async throws -> Bool
}
