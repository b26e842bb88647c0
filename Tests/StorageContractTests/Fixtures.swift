import EmporiumCore
import EmporiumSQL
import EmporiumTesting
import Foundation
import Testing

/// Builders for contract tests: users, categories, products, carts and checkouts in a fresh database.
struct Fixtures: Sendable {
    /// A fixed, whole-millisecond moment, so stored and read dates compare equal.
    static let now = Date(unixMilliseconds: 1_790_000_000_000)
    static let address = ShippingAddress(
        name: "Ada Lovelace",
        line1: "12 St James's Square",
        city: "London",
        postalCode: "SW1Y 4JH",
        country: "GB"
    )

    let database: any SQLDatabase
    var storage: Storage { database.storage }

    init(_ database: any SQLDatabase) {
        self.database = database
    }

    func user(_ email: String = "ada-\(UUID())@example.com", role: Role = .customer) async throws -> User {
        let user = User(
            email: try EmailAddress(email),
            name: "Ada",
            role: role,
            passwordHash: "hash",
            createdAt: Self.now
        )
        try await storage.users.insert(user)
        return user
    }

    func category(_ name: String, parent: Category? = nil) async throws -> Category {
        let category = Category(
            name: name,
            slug: name.lowercased().replacingOccurrences(of: " ", with: "-"),
            parentID: parent?.id
        )
        try await storage.categories.insert(category)
        return category
    }

    func product(
        _ name: String,
        sku: String? = nil,
        description: String = "A fine product.",
        price: Int64 = 1_000,
        stock: Int = 10,
        category: Category? = nil,
        brand: String? = nil,
        addedSecondsAgo: Int = 0
    ) async throws -> Product {
        let product = Product(
            sku: sku ?? "SKU-\(UUID().uuidString.prefix(8))",
            name: name,
            description: description,
            price: Money(price, .usd),
            categoryID: category?.id,
            brand: brand,
            inventory: Inventory(onHand: stock),
            createdAt: Self.now.addingTimeInterval(-Double(addedSecondsAgo))
        )
        try await storage.products.insert(product)
        return product
    }

    /// A review of `product` by a new customer.
    func review(_ product: Product, rating: Int) async throws {
        let reviewer = try await user()
        let review = Review(
            productID: product.id,
            userID: reviewer.id,
            rating: rating,
            title: "Rated \(rating)",
            body: "",
            verifiedPurchase: false,
            createdAt: Self.now
        )
        try await storage.reviews.insert(review)
    }

    func fillCart(of user: User, with lines: [(Product, Int)]) async throws {
        var cart = try await storage.carts.cart(of: .user(user.id))
        for (product, quantity) in lines { try cart.add(product.id, quantity: quantity) }
        cart.updatedAt = Self.now
        try await storage.carts.save(cart)
    }

    var checkoutService: CheckoutService {
        CheckoutService(storage: storage, pricing: .standard, now: { Self.now })
    }

    func checkout(
        _ user: User,
        key: String = UUID().uuidString,
        promoCode: String? = nil,
        method: String = "pm_card_visa"
    )
        async throws -> PlacementOutcome
    {
        try await checkoutService.checkout(
            CheckoutRequest(
                userID: user.id,
                idempotencyKey: key,
                paymentMethod: method,
                shippingAddress: Self.address,
                promoCode: promoCode
            )
        )
    }

    /// Buys `quantity` of a product as a new customer and returns the pending order.
    func placedOrder(of product: Product, quantity: Int = 1) async throws -> Order {
        let buyer = try await user()
        try await fillCart(of: buyer, with: [(product, quantity)])
        return try await checkout(buyer).order
    }

    func stock(of product: Product) async throws -> Inventory {
        try #require(await storage.products.product(id: product.id)).inventory
    }
}

/// Asserts that `body` throws a ``DomainError`` with `code`, and returns it for further checks.
@discardableResult
func expectDomainError(
    _ code: DomainError.Code,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> DomainError? {
    do {
        try await body()
        Issue.record("expected \(code), but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
