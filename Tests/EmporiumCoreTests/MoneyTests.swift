import EmporiumCore
import Foundation
import Testing

@Suite("Money, pricing, promo codes, carts")
struct MoneyTests {
    @Test("shares round half away from zero in minor units")
    func shares() {
        #expect(Money(1_999, .usd).share(basisPoints: 825) == Money(165, .usd))
        #expect(Money(50, .usd).share(basisPoints: 1_000) == Money(5, .usd))
        #expect(Money(5, .usd).share(basisPoints: 1_000) == Money(1, .usd), "0.5 rounds up")
        #expect(Money(-5, .usd).share(basisPoints: 1_000) == Money(-1, .usd))
        #expect(Money(-1_999, .usd).description == "-19.99 USD")
    }

    @Test("different currencies never combine")
    func currencies() throws {
        #expect(throws: DomainError(.currencyMismatch, "")) { try Money(1, .usd).adding(Money(1, .eur)) }
        #expect(try Currency("usd") == .usd)
        #expect(throws: DomainError(.invalidInput, "")) { try Currency("dollars") }
    }

    @Test("totals: discount clamped, free shipping from the threshold, tax by country")
    func totals() throws {
        let policy = PricingPolicy.standard
        let small = try policy.totals(subtotal: Money(2_000, .usd), discount: Money(5_000, .usd), country: "us")
        #expect(small.discount == Money(2_000, .usd) && small.shipping == Money(499, .usd))
        #expect(small.tax == Money(41, .usd) && small.total == Money(540, .usd))
        let large = try policy.totals(subtotal: Money(6_000, .usd), discount: .zero(.usd), country: "ZZ")
        #expect(large.shipping == .zero(.usd) && large.tax == .zero(.usd) && large.total == Money(6_000, .usd))
    }

    @Test("promo codes check their window, usage and minimum")
    func promoCodes() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let code = PromoCode(
            code: "spring",
            discount: .percent(basisPoints: 1_500),
            validFrom: now.addingTimeInterval(-60),
            validUntil: now.addingTimeInterval(60),
            usageLimit: 2,
            timesUsed: 1,
            minimumOrder: Money(1_000, .usd)
        )
        #expect(code.code == "SPRING")
        #expect(try code.discount(for: Money(2_000, .usd), at: now) == Money(300, .usd))
        #expect(throws: DomainError(.promoCodeRejected, "")) { try code.discount(for: Money(999, .usd), at: now) }
        #expect(throws: DomainError(.promoCodeRejected, "")) {
            try code.discount(for: Money(2_000, .usd), at: now.addingTimeInterval(61))
        }
        var usedUp = code
        usedUp.timesUsed = 2
        #expect(throws: DomainError(.promoCodeRejected, "")) { try usedUp.discount(for: Money(2_000, .usd), at: now) }
    }

    @Test("carts add, cap, remove and merge")
    func carts() throws {
        let a = Identifier<Product>()
        let b = Identifier<Product>()
        var cart = Cart(owner: .user(Identifier()), updatedAt: .init())
        try cart.add(a, quantity: 98)
        #expect(throws: DomainError(.invalidInput, "")) { try cart.add(a, quantity: 2) }
        try cart.setQuantity(of: a, to: 0)
        #expect(cart.isEmpty)
        try cart.add(a, quantity: 98)
        var guest = Cart(owner: .guest("g"), updatedAt: .init())
        try guest.add(a, quantity: 5)
        try guest.add(b, quantity: 1)
        cart.merge(guest)
        #expect(cart.lines == [CartLine(productID: a, quantity: 99), CartLine(productID: b, quantity: 1)])
    }

    @Test("emails normalise; ids and cursors round-trip through text")
    func textForms() throws {
        #expect(try EmailAddress("  Ada@Example.COM ").value == "ada@example.com")
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a b@example.com"] {
            #expect(throws: DomainError(.invalidInput, "")) { try EmailAddress(bad) }
        }
        let id = Identifier<Product>()
        #expect(Identifier<Product>(id.description) == id)
        let keys: [(ProductSort, SearchCursor.Key)] = [
            (.newest, .integer(-42)), (.rating, .real(0.1 + 0.2)), (.rating, .real(-3.5e-7)),
            (.relevance, .relevance(tier: 1, rating: 4.25)),
        ]
        for (sort, key) in keys {
            let cursor = SearchCursor(sort: sort, key: key, productID: id)
            #expect(try SearchCursor(token: cursor.token) == cursor)
        }
        let mismatched = SearchCursor(sort: .priceAscending, key: .real(1), productID: id)
        #expect(throws: DomainError(.invalidInput, ""), "a key of another kind than its sort's") {
            try SearchCursor(token: mismatched.token)
        }
    }
}
