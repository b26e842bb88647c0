/// The money of an order: what the lines cost, what the promo took off, shipping, tax, and what is charged.
public struct OrderTotals: Sendable, Hashable, Codable {
    /// The sum of line price × quantity.
    public var subtotal: Money
    /// The promo discount, never more than the subtotal (stored positive).
    public var discount: Money
    /// The shipping charge.
    public var shipping: Money
    /// Tax on the discounted subtotal plus shipping.
    public var tax: Money
    /// subtotal − discount + shipping + tax: the amount charged.
    public var total: Money

    /// Creates totals whose ``total`` is computed from the parts.
    public init(subtotal: Money, discount: Money, shipping: Money, tax: Money) throws(DomainError) {
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.tax = tax
        self.total = try subtotal.subtracting(discount).adding(shipping).adding(tax)
    }
}
