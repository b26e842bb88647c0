import EmporiumCore
import Foundation

/// How a product maps to the `products` table.
enum ProductRows {
    static let columns = """
        p.id, p.sku, p.name, p.description, p.price_amount, p.currency, p.category_id, p.brand, p.seller_id, \
        p.attributes, p.active, p.on_hand, p.reserved, p.rating_count, p.rating_sum, p.created_at
        """

    static let insertColumns = """
        id, sku, name, description, price_amount, currency, category_id, brand, seller_id, attributes, active, \
        on_hand, reserved, rating_count, rating_sum, rating_average, created_at
        """

    static func insert(_ product: Product) -> SQLStatement {
        .insert(into: "products", columns: insertColumns, rows: [values(product)])
    }

    static func values(_ product: Product) -> [SQLValue] {
        [
            .uuid(product.id.uuid), .text(product.sku), .text(product.name), .text(product.description),
            .integer(product.price.amount), .text(product.price.currency.code),
            product.categoryID.map { .uuid($0.uuid) } ?? .null, product.brand.sqlValue,
            product.sellerID.map { .uuid($0.uuid) } ?? .null, .text(encode(product.attributes)),
            .bool(product.isActive), .integer(Int64(product.inventory.onHand)),
            .integer(Int64(product.inventory.reserved)), .integer(Int64(product.rating.count)),
            .integer(Int64(product.rating.sum)), .real(product.rating.average ?? 0), .date(product.createdAt),
        ]
    }

    static func decode(_ row: SQLRow) throws -> Product {
        try Product(
            id: row.id("id"),
            sku: row.string("sku"),
            name: row.string("name"),
            description: row.string("description"),
            price: row.money("price_amount"),
            categoryID: row.optionalID("category_id"),
            brand: row.optionalString("brand"),
            sellerID: row.optionalID("seller_id"),
            attributes: decodeAttributes(row.string("attributes")),
            isActive: row.bool("active"),
            inventory: Inventory(onHand: Int(row.int("on_hand")), reserved: Int(row.int("reserved"))),
            rating: Rating(count: Int(row.int("rating_count")), sum: Int(row.int("rating_sum"))),
            createdAt: row.date("created_at")
        )
    }

    /// One encoder for every product: making a `JSONEncoder` costs more than encoding a few attributes.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static func encode(_ attributes: [String: String]) -> String {
        (try? encoder.encode(attributes)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func decodeAttributes(_ text: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
