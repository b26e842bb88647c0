import EmporiumCore
import FoundationEssentials
import Hummingbird

/// A product as the API shows it.
struct ProductBody: ResponseEncodable {
    struct Stock: Encodable {
        var available: Int
        var inStock: Bool

        enum CodingKeys: String, CodingKey {
            case available
            case inStock = "in_stock"
        }
    }

    struct RatingSummary: Encodable {
        var average: Double?
        var count: Int
    }

    var id: Identifier<Product>
    var sku: String
    var name: String
    var description: String
    var price: Money
    var categoryID: Identifier<Category>?
    var brand: String?
    var sellerID: Identifier<User>?
    var attributes: [String: String]
    var active: Bool
    var stock: Stock
    var rating: RatingSummary
    var createdAt: Date

    init(_ product: Product) {
        id = product.id
        sku = product.sku
        name = product.name
        description = product.description
        price = product.price
        categoryID = product.categoryID
        brand = product.brand
        sellerID = product.sellerID
        attributes = product.attributes
        active = product.isActive
        let available = max(product.inventory.available, 0)
        stock = Stock(available: available, inStock: available > 0)
        rating = RatingSummary(average: product.rating.average, count: product.rating.count)
        createdAt = product.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, sku, name, description, price, brand, attributes, active, stock, rating
        case categoryID = "category_id"
        case sellerID = "seller_id"
        case createdAt = "created_at"
    }
}

/// A page of products and the cursor of the next one.
struct ProductPageBody: ResponseEncodable {
    var items: [ProductBody]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }
}

/// `POST /products`. Stock, rating and seller are not the caller's to set here (the seller is the caller).
struct CreateProductRequest: Decodable {
    var sku: String
    var name: String
    var description: String?
    var price: Money
    var categoryID: Identifier<Category>?
    var brand: String?
    var stock: Int?
    var attributes: [String: String]?

    enum CodingKeys: String, CodingKey {
        case sku, name, description, price, brand, stock, attributes
        case categoryID = "category_id"
    }
}

/// `PATCH /products/{id}`: the fields present are changed.
struct UpdateProductRequest: Decodable {
    var name: String?
    var description: String?
    var price: Money?
    var categoryID: Identifier<Category>?
    var brand: String?
    var attributes: [String: String]?
    var active: Bool?

    enum CodingKeys: String, CodingKey {
        case name, description, price, brand, attributes, active
        case categoryID = "category_id"
    }
}

/// `PUT /products/{id}/stock`.
struct StockRequest: Decodable {
    var onHand: Int

    enum CodingKeys: String, CodingKey {
        case onHand = "on_hand"
    }
}

/// A category of the tree.
struct CategoryBody: Encodable {
    var id: Identifier<Category>
    var name: String
    var slug: String
    var parentID: Identifier<Category>?

    init(_ category: Category) {
        id = category.id
        name = category.name
        slug = category.slug
        parentID = category.parentID
    }

    enum CodingKeys: String, CodingKey {
        case id, name, slug
        case parentID = "parent_id"
    }
}

/// A review as the API shows it.
struct ReviewBody: ResponseEncodable {
    var id: Identifier<Review>
    var productID: Identifier<Product>
    var userID: Identifier<User>
    var rating: Int
    var title: String
    var body: String
    var verifiedPurchase: Bool
    var createdAt: Date

    init(_ review: Review) {
        id = review.id
        productID = review.productID
        userID = review.userID
        rating = review.rating
        title = review.title
        body = review.body
        verifiedPurchase = review.verifiedPurchase
        createdAt = review.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, rating, title, body
        case productID = "product_id"
        case userID = "user_id"
        case verifiedPurchase = "verified_purchase"
        case createdAt = "created_at"
    }
}

/// `POST /products/{id}/reviews`.
struct CreateReviewRequest: Decodable {
    var rating: Int
    var title: String?
    var body: String?
}

/// A list without paging (categories, reviews, notifications, a user's orders).
struct ItemsBody<Item: Encodable>: ResponseEncodable {
    var items: [Item]
}
