/// An amount of money in integer minor units (cents) with its currency. Never floating point.
///
/// ```swift
/// let price = Money(1999, .usd)          // $19.99
/// let total = try price.times(3) + Money(500, .usd)
/// ```
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The amount in minor units; may be negative for a discount or a refund balance.
    public var amount: Int64
    /// The currency of ``amount``.
    public var currency: Currency

    /// Creates an amount in minor units.
    public init(_ amount: Int64, _ currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    /// Zero in a currency.
    public static func zero(_ currency: Currency) -> Money { Money(0, currency) }

    public var description: String {
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents) \(currency)"
    }

    /// Adds two amounts of the same currency.
    /// - Throws: ``DomainError/Code/currencyMismatch`` when the currencies differ.
    public func adding(_ other: Money) throws(DomainError) -> Money {
        try requireSameCurrency(other)
        return Money(amount + other.amount, currency)
    }

    /// Subtracts an amount of the same currency.
    public func subtracting(_ other: Money) throws(DomainError) -> Money {
        try requireSameCurrency(other)
        return Money(amount - other.amount, currency)
    }

    /// This amount times a whole quantity.
    public func times(_ quantity: Int) -> Money {
        Money(amount * Int64(quantity), currency)
    }

    /// A share of this amount in basis points (1/100 of a percent), rounded half away from zero.
    ///
    /// `Money(1999, .usd).share(basisPoints: 825)` is 8.25 % of $19.99, that is 165 cents.
    public func share(basisPoints: Int) -> Money {
        let product = amount * Int64(basisPoints)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        let roundsAway = remainder.magnitude * 2 >= 10_000
        return Money(quotient + (roundsAway ? (product < 0 ? -1 : 1) : 0), currency)
    }

    /// The smaller of two amounts of the same currency.
    public func clamped(to limit: Money) -> Money {
        amount <= limit.amount ? self : Money(limit.amount, currency)
    }

    private func requireSameCurrency(_ other: Money) throws(DomainError) {
        guard other.currency == currency else {
            throw DomainError(
                .currencyMismatch,
                "cannot combine \(currency) with \(other.currency)",
                details: ["expected": .string(currency.code), "got": .string(other.currency.code)]
            )
        }
    }
}
