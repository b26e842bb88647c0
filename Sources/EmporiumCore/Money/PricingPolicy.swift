/// How an order is priced beyond its lines: a flat shipping charge (free above a threshold) and a flat tax
/// rate per destination country.
public struct PricingPolicy: Sendable, Hashable {
    /// The shipping charge for orders below ``freeShippingThreshold``.
    public var shipping: Money
    /// The discounted subtotal from which shipping is free; `nil` means shipping is always charged.
    public var freeShippingThreshold: Money?
    /// Tax rates in basis points by ISO 3166 alpha-2 country (`"US": 825` is 8.25 %).
    public var taxRates: [String: Int]
    /// The rate for countries not in ``taxRates``.
    public var defaultTaxRate: Int

    /// Creates a policy.
    public init(shipping: Money, freeShippingThreshold: Money?, taxRates: [String: Int], defaultTaxRate: Int) {
        self.shipping = shipping
        self.freeShippingThreshold = freeShippingThreshold
        self.taxRates = taxRates
        self.defaultTaxRate = defaultTaxRate
    }

    /// The demo shop: USD, $4.99 shipping, free from $50, a few example rates.
    public static let standard = PricingPolicy(
        shipping: Money(499, .usd),
        freeShippingThreshold: Money(5_000, .usd),
        taxRates: ["US": 825, "DE": 1_900, "FR": 2_000, "GB": 2_000, "CA": 500],
        defaultTaxRate: 0
    )

    /// Prices an order.
    /// - Parameters:
    ///   - subtotal: the sum of the lines.
    ///   - discount: the promo discount (positive); it is clamped to the subtotal.
    ///   - country: the destination country, which picks the tax rate.
    public func totals(subtotal: Money, discount: Money, country: String) throws(DomainError) -> OrderTotals {
        let discount = discount.clamped(to: subtotal)
        let discounted = try subtotal.subtracting(discount)
        let shippingCharge = isShippingFree(discounted) ? Money.zero(subtotal.currency) : shipping
        let rate = taxRates[country.uppercased()] ?? defaultTaxRate
        let tax = try discounted.adding(shippingCharge).share(basisPoints: rate)
        return try OrderTotals(subtotal: subtotal, discount: discount, shipping: shippingCharge, tax: tax)
    }

    private func isShippingFree(_ discounted: Money) -> Bool {
        guard let threshold = freeShippingThreshold else { return false }
        return discounted.amount >= threshold.amount
    }
}
