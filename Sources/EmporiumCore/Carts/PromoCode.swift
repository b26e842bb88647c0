public import FoundationEssentials

/// A promotional code: a percentage or a fixed amount off, within a validity window, a usage limit and a
/// minimum order.
public struct PromoCode: Sendable, Hashable {
    /// What the code takes off.
    public enum Discount: Sendable, Hashable {
        /// A share of the subtotal in basis points (1,000 = 10 %).
        case percent(basisPoints: Int)
        /// A fixed amount, at most the subtotal.
        case fixed(Money)
    }

    /// Upper-case code as typed by shoppers, compared case-insensitively.
    public var code: String
    public var discount: Discount
    public var validFrom: Date
    public var validUntil: Date
    /// How many orders may use it; `nil` is unlimited.
    public var usageLimit: Int?
    public var timesUsed: Int
    /// The subtotal an order must reach.
    public var minimumOrder: Money?

    /// Creates a promo code; the code is upper-cased.
    public init(
        code: String,
        discount: Discount,
        validFrom: Date,
        validUntil: Date,
        usageLimit: Int? = nil,
        timesUsed: Int = 0,
        minimumOrder: Money? = nil
    ) {
        self.code = code.uppercased()
        self.discount = discount
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.usageLimit = usageLimit
        self.timesUsed = timesUsed
        self.minimumOrder = minimumOrder
    }

    /// The discount this code gives an order, checking window, usage and minimum.
    /// - Throws: ``DomainError/Code/promoCodeRejected`` with the reason in `details.reason`.
    public func discount(for subtotal: Money, at now: Date) throws(DomainError) -> Money {
        guard now >= validFrom, now < validUntil else { throw rejection("expired", "is not valid at this time") }
        if let usageLimit, timesUsed >= usageLimit { throw rejection("used_up", "has been used up") }
        if let minimumOrder {
            guard minimumOrder.currency == subtotal.currency, subtotal.amount >= minimumOrder.amount else {
                throw rejection("below_minimum", "needs an order of at least \(minimumOrder)")
            }
        }
        switch discount {
        case .percent(let basisPoints): return subtotal.share(basisPoints: basisPoints)
        case .fixed(let amount):
            guard amount.currency == subtotal.currency else { throw rejection("currency", "is for \(amount.currency)") }
            return amount.clamped(to: subtotal)
        }
    }

    private func rejection(_ reason: String, _ text: String) -> DomainError {
        DomainError(
            .promoCodeRejected,
            "promo code \(code) \(text)",
            details: ["promo_code": .string(code), "reason": .string(reason)]
        )
    }
}
