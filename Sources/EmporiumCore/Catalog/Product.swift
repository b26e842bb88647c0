public import FoundationEssentials

/// A product in the catalog with its stock. Prices are in minor units.
public struct Product: Sendable, Hashable, Codable, Identifiable {
    public var id: Identifier<Product>
    /// Unique stock-keeping unit chosen by the seller.
    public var sku: String
    public var name: String
    public var description: String
    public var price: Money
    public var categoryID: Identifier<Category>?
    public var brand: String?
    /// The seller who owns the product; admins may manage every product.
    public var sellerID: Identifier<User>?
    /// Free-form attributes (colour, size), shown on the product page.
    public var attributes: [String: String]
    /// Inactive products are hidden from search and cannot be bought.
    public var isActive: Bool
    public var inventory: Inventory
    public var rating: Rating
    public var createdAt: Date

    /// Creates a product value.
    public init(
        id: Identifier<Product> = .init(),
        sku: String,
        name: String,
        description: String,
        price: Money,
        categoryID: Identifier<Category>? = nil,
        brand: String? = nil,
        sellerID: Identifier<User>? = nil,
        attributes: [String: String] = [:],
        isActive: Bool = true,
        inventory: Inventory = Inventory(onHand: 0),
        rating: Rating = Rating(),
        createdAt: Date
    ) {
        self.id = id
        self.sku = sku
        self.name = name
        self.description = description
        self.price = price
        self.categoryID = categoryID
        self.brand = brand
        self.sellerID = sellerID
        self.attributes = attributes
        self.isActive = isActive
        self.inventory = inventory
        self.rating = rating
        self.createdAt = createdAt
    }

    /// Checks the fields a seller supplies.
    /// - Throws: ``DomainError/Code/invalidInput`` naming the first bad field.
    public func validate() throws(DomainError) {
        guard !sku.isEmpty, sku.utf8.count <= 64 else { throw .invalid("sku", "1 to 64 characters") }
        guard !name.trimmingWhitespace().isEmpty, name.utf8.count <= 200 else {
            throw .invalid("name", "1 to 200 characters")
        }
        guard description.utf8.count <= 10_000 else { throw .invalid("description", "at most 10,000 characters") }
        guard price.amount >= 0 else { throw .invalid("price.amount", "zero or more minor units") }
        guard inventory.onHand >= 0 else { throw .invalid("stock", "zero or more") }
    }
}

/// Stock of a product: what is in the warehouse and what pending orders hold.
public struct Inventory: Sendable, Hashable, Codable {
    /// Units physically in stock.
    public var onHand: Int
    /// Units held by orders awaiting payment.
    public var reserved: Int

    /// Creates an inventory record.
    public init(onHand: Int, reserved: Int = 0) {
        self.onHand = onHand
        self.reserved = reserved
    }

    /// Units a new order may take.
    public var available: Int { onHand - reserved }
}

/// The average of a product's reviews.
public struct Rating: Sendable, Hashable, Codable {
    /// Number of reviews.
    public var count: Int
    /// Sum of the ratings (1–5 each); the average is ``sum`` / ``count``.
    public var sum: Int

    /// Creates a rating summary.
    public init(count: Int = 0, sum: Int = 0) {
        self.count = count
        self.sum = sum
    }

    /// The mean rating, or `nil` with no reviews.
    public var average: Double? { count == 0 ? nil : Double(sum) / Double(count) }
}
