import EmporiumCore
import FoundationEssentials
import Hummingbird

/// The cart with each line priced from the catalog as it is now (checkout prices again).
struct CartBody: ResponseEncodable {
    struct Line: Encodable {
        var productID: Identifier<Product>
        var sku: String
        var name: String
        var quantity: Int
        var unitPrice: Money
        var lineTotal: Money
        var available: Int

        enum CodingKeys: String, CodingKey {
            case sku, name, quantity, available
            case productID = "product_id"
            case unitPrice = "unit_price"
            case lineTotal = "line_total"
        }
    }

    var items: [Line]
    var subtotal: Money
    var itemCount: Int

    enum CodingKeys: String, CodingKey {
        case items, subtotal
        case itemCount = "item_count"
    }
}

/// `POST /cart/items`.
struct AddCartItemRequest: Decodable {
    var productID: Identifier<Product>
    var quantity: Int

    enum CodingKeys: String, CodingKey {
        case quantity
        case productID = "product_id"
    }
}

/// `PATCH /cart/items/{productId}`.
struct UpdateCartItemRequest: Decodable {
    var quantity: Int
}
