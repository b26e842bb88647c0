public import EmporiumCore

/// Promo codes over SQLite or PostgreSQL. Uses are counted by the checkout transaction.
public struct SQLPromoCodeRepository: PromoCodeRepository {
    let database: any SQLDatabase

    /// Creates the repository.
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func insert(_ promoCode: PromoCode) async throws {
        let (kind, value, currency): (String, Int64, String?) =
            switch promoCode.discount {
            case .percent(let basisPoints): ("percent", Int64(basisPoints), nil)
            case .fixed(let amount): ("fixed", amount.amount, amount.currency.code)
            }
        let statement = SQLStatement(
            """
            INSERT INTO promo_codes (code, kind, value, currency, valid_from, valid_until, usage_limit, times_used,
              minimum_amount, minimum_currency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(promoCode.code), .text(kind), .integer(value), currency.sqlValue, .date(promoCode.validFrom),
                .date(promoCode.validUntil), promoCode.usageLimit.sqlValue, .integer(Int64(promoCode.timesUsed)),
                promoCode.minimumOrder?.amount.sqlValue ?? .null,
                promoCode.minimumOrder?.currency.code.sqlValue ?? .null,
            ],
            table: "promo_codes"
        )
        do {
            try await database.execute(statement)
        } catch let violation as SQLConstraintViolation where violation.kind == .unique {
            throw DomainError(.conflict, "promo code \(promoCode.code) exists", details: ["field": .string("code")])
        }
    }

    public func promoCode(_ code: String) async throws -> PromoCode? {
        let statement = SQLStatement(
            """
            SELECT code, kind, value, currency, valid_from, valid_until, usage_limit, times_used, minimum_amount,
              minimum_currency FROM promo_codes WHERE code = ?
            """,
            [.text(code.uppercased())],
            table: "promo_codes"
        )
        return try await database.firstRow(statement).map(Self.decode)
    }

    private static func decode(_ row: SQLRow) throws -> PromoCode {
        let discount: PromoCode.Discount =
            try row.string("kind") == "percent"
            ? .percent(basisPoints: Int(row.int("value")))
            : .fixed(row.money("value", currency: "currency"))
        let minimum =
            try row.optionalInt("minimum_amount") == nil
            ? nil : try row.money("minimum_amount", currency: "minimum_currency")
        return try PromoCode(
            code: row.string("code"),
            discount: discount,
            validFrom: row.date("valid_from"),
            validUntil: row.date("valid_until"),
            usageLimit: row.optionalInt("usage_limit").map(Int.init),
            timesUsed: Int(row.int("times_used")),
            minimumOrder: minimum
        )
    }
}
