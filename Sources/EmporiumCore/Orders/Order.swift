public import FoundationEssentials

/// A placed order: a snapshot of what was bought at which price, where it goes, and where it stands.
public struct Order: Sendable, Hashable, Identifiable {
    public var id: Identifier<Order>
    public var userID: Identifier<User>
    public var status: OrderStatus
    /// Names and prices as they were at checkout; later catalog changes do not alter them.
    public var lines: [OrderLine]
    public var totals: OrderTotals
    /// What has been refunded so far.
    public var refunded: Money
    public var promoCode: String?
    public var shippingAddress: ShippingAddress
    /// The payment method token the customer chose (for example `pm_card_visa`).
    public var paymentMethod: String
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an order value.
    public init(
        id: Identifier<Order> = .init(),
        userID: Identifier<User>,
        status: OrderStatus,
        lines: [OrderLine],
        totals: OrderTotals,
        refunded: Money? = nil,
        promoCode: String?,
        shippingAddress: ShippingAddress,
        paymentMethod: String,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.status = status
        self.lines = lines
        self.totals = totals
        self.refunded = refunded ?? .zero(totals.total.currency)
        self.promoCode = promoCode
        self.shippingAddress = shippingAddress
        self.paymentMethod = paymentMethod
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The state machine for this order's current state.
    public var stateMachine: OrderStateMachine {
        OrderStateMachine(status: status, captured: totals.total, refunded: refunded)
    }
}

/// One product of an order, with its name and unit price frozen at checkout.
public struct OrderLine: Sendable, Hashable, Codable {
    public var productID: Identifier<Product>
    public var sku: String
    public var name: String
    public var unitPrice: Money
    public var quantity: Int

    /// Creates a line.
    public init(productID: Identifier<Product>, sku: String, name: String, unitPrice: Money, quantity: Int) {
        self.productID = productID
        self.sku = sku
        self.name = name
        self.unitPrice = unitPrice
        self.quantity = quantity
    }

    /// unit price × quantity.
    public var lineTotal: Money { unitPrice.times(quantity) }
}

/// Where an order is delivered.
public struct ShippingAddress: Sendable, Hashable, Codable {
    public var name: String
    public var line1: String
    public var city: String
    public var postalCode: String
    /// ISO 3166 alpha-2, upper case; it picks the tax rate.
    public var country: String

    /// Creates an address; the country is upper-cased.
    public init(name: String, line1: String, city: String, postalCode: String, country: String) {
        self.name = name
        self.line1 = line1
        self.city = city
        self.postalCode = postalCode
        self.country = country.uppercased()
    }

    /// Checks that every field is filled and the country is two letters.
    public func validate() throws(DomainError) {
        let fields = [("name", name), ("line1", line1), ("city", city), ("postal_code", postalCode)]
        for (field, value) in fields where value.trimmingWhitespace().isEmpty || value.utf8.count > 200 {
            throw .invalid("shipping_address.\(field)", "1 to 200 characters")
        }
        guard country.utf8.count == 2, country.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw .invalid("shipping_address.country", "a two-letter ISO 3166 code such as US, got \"\(country)\"")
        }
    }
}
