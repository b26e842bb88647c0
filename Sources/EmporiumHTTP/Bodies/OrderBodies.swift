import EmporiumCore
import FoundationEssentials
import Hummingbird

/// A shipping address in the API's field names.
struct AddressBody: Codable {
    var name: String
    var line1: String
    var city: String
    var postalCode: String
    var country: String

    init(_ address: ShippingAddress) {
        name = address.name
        line1 = address.line1
        city = address.city
        postalCode = address.postalCode
        country = address.country
    }

    var address: ShippingAddress {
        ShippingAddress(name: name, line1: line1, city: city, postalCode: postalCode, country: country)
    }

    enum CodingKeys: String, CodingKey {
        case name, line1, city, country
        case postalCode = "postal_code"
    }
}

/// `POST /orders`: checks out the caller's cart.
struct CheckoutBody: Decodable {
    var paymentMethod: String
    var shippingAddress: AddressBody
    var promoCode: String?

    enum CodingKeys: String, CodingKey {
        case paymentMethod = "payment_method"
        case shippingAddress = "shipping_address"
        case promoCode = "promo_code"
    }
}

/// `POST /orders/{id}/refunds`: the whole remaining amount when no amount is given.
struct RefundRequest: Decodable {
    var amount: Money?
    var reason: String?
}

/// A payment intent as the API shows it.
struct PaymentBody: ResponseEncodable {
    var id: String
    var status: PaymentIntentStatus
    var amount: Money
    var failureCode: String?
    var createdAt: Date
    var updatedAt: Date

    init(_ intent: PaymentIntent) {
        id = intent.id
        status = intent.status
        amount = intent.amount
        failureCode = intent.failureCode
        createdAt = intent.createdAt
        updatedAt = intent.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, status, amount
        case failureCode = "failure_code"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// An order as the API shows it, with its payment when one was attempted.
struct OrderBody: ResponseEncodable {
    struct Line: Encodable {
        var productID: Identifier<Product>
        var sku: String
        var name: String
        var unitPrice: Money
        var quantity: Int
        var lineTotal: Money

        enum CodingKeys: String, CodingKey {
            case sku, name, quantity
            case productID = "product_id"
            case unitPrice = "unit_price"
            case lineTotal = "line_total"
        }
    }

    var id: Identifier<Order>
    var userID: Identifier<User>
    var status: OrderStatus
    var lines: [Line]
    var subtotal: Money
    var discount: Money
    var shipping: Money
    var tax: Money
    var total: Money
    var refunded: Money
    var promoCode: String?
    var shippingAddress: AddressBody
    var paymentMethod: String
    var payment: PaymentBody?
    var createdAt: Date
    var updatedAt: Date

    init(_ order: Order, payment: PaymentIntent? = nil) {
        id = order.id
        userID = order.userID
        status = order.status
        lines = order.lines.map {
            Line(
                productID: $0.productID,
                sku: $0.sku,
                name: $0.name,
                unitPrice: $0.unitPrice,
                quantity: $0.quantity,
                lineTotal: $0.lineTotal
            )
        }
        subtotal = order.totals.subtotal
        discount = order.totals.discount
        shipping = order.totals.shipping
        tax = order.totals.tax
        total = order.totals.total
        refunded = order.refunded
        promoCode = order.promoCode
        shippingAddress = AddressBody(order.shippingAddress)
        paymentMethod = order.paymentMethod
        self.payment = payment.map(PaymentBody.init)
        createdAt = order.createdAt
        updatedAt = order.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, status, lines, subtotal, discount, shipping, tax, total, refunded, payment
        case userID = "user_id"
        case promoCode = "promo_code"
        case shippingAddress = "shipping_address"
        case paymentMethod = "payment_method"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// A page of orders (the admin overview).
struct OrderPageBody: ResponseEncodable {
    var items: [OrderBody]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }
}
