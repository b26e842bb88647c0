public import FoundationEssentials

/// What a customer submits to check out their cart.
public struct CheckoutRequest: Sendable, Hashable {
    public var userID: Identifier<User>
    public var idempotencyKey: String
    public var paymentMethod: String
    public var shippingAddress: ShippingAddress
    public var promoCode: String?

    /// Creates a request.
    public init(
        userID: Identifier<User>,
        idempotencyKey: String,
        paymentMethod: String,
        shippingAddress: ShippingAddress,
        promoCode: String? = nil
    ) {
        self.userID = userID
        self.idempotencyKey = idempotencyKey
        self.paymentMethod = paymentMethod
        self.shippingAddress = shippingAddress
        self.promoCode = promoCode
    }

    /// A stable digest of what was asked, to tell a retry from a different request under the same key.
    var fingerprint: String {
        let address = shippingAddress
        let fields = [
            paymentMethod, address.name, address.line1, address.city, address.postalCode, address.country,
            promoCode?.uppercased() ?? "",
        ]
        return Fingerprint.of(fields)
    }
}

/// Turns a customer's cart into an order in `pending_payment`: prices the lines from the catalog, applies the
/// promo code and the pricing policy, and runs the checkout transaction. The cart is emptied with the order
/// (in its transaction when the carts share its database); a retry with the same idempotency key returns the
/// same order.
public struct CheckoutService: Sendable {
    /// The endpoint name idempotency keys are scoped to.
    public static let endpoint = "POST /orders"

    let products: any ProductRepository
    let carts: any CartRepository
    let promoCodes: any PromoCodeRepository
    let orders: any OrderRepository
    let pricing: PricingPolicy
    let now: @Sendable () -> Date

    /// Creates the service over its repositories.
    public init(storage: Storage, pricing: PricingPolicy, now: @escaping @Sendable () -> Date = { Date() }) {
        self.products = storage.products
        self.carts = storage.carts
        self.promoCodes = storage.promoCodes
        self.orders = storage.orders
        self.pricing = pricing
        self.now = now
    }

    /// Checks out the caller's cart.
    /// - Throws: ``DomainError`` with `empty_cart`, `out_of_stock` (naming lines), `promo_code_rejected`,
    ///   `idempotency_key_reused` or `invalid_input` naming the field.
    public func checkout(_ request: CheckoutRequest) async throws -> PlacementOutcome {
        let scope = try IdempotencyScope(userID: request.userID, endpoint: Self.endpoint, key: request.idempotencyKey)
        try request.shippingAddress.validate()
        guard !request.paymentMethod.isEmpty, request.paymentMethod.utf8.count <= 100 else {
            throw DomainError.invalid("payment_method", "a payment method token such as pm_card_visa")
        }
        let cart = try await carts.cart(of: .user(request.userID))
        guard !cart.isEmpty else {
            // A retry after the order was placed finds the cart emptied: it gets the order the key made. (A retry
            // that finds a full cart is told apart in the transaction, which claims the key.)
            if let replay = try await replayedOrder(scope, fingerprint: request.fingerprint) { return replay }
            throw DomainError(.emptyCart, "the cart is empty: add products before checkout")
        }
        let order = try await pricedOrder(for: cart, request: request, at: now())
        let placement = OrderPlacement(
            order: order,
            idempotency: scope,
            requestFingerprint: request.fingerprint,
            event: .describing(order, kind: .placed, at: order.createdAt),
            emptiedCart: carts.isEmptiedByCheckoutTransaction ? cart.owner : nil
        )
        switch try await orders.place(placement) {
        case .placed:
            if placement.emptiedCart == nil { try await carts.deleteCart(of: cart.owner) }
            return .placed(order)
        case .keyAlreadyClaimed:
            guard let replay = try await replayedOrder(scope, fingerprint: request.fingerprint) else {
                throw DomainError(
                    .conflict,
                    "Idempotency-Key \(scope.key) belongs to an order that no longer exists",
                    details: ["field": .string("Idempotency-Key")]
                )
            }
            return replay
        }
    }

    private func replayedOrder(_ scope: IdempotencyScope, fingerprint: String) async throws -> PlacementOutcome? {
        guard let record = try await orders.idempotencyRecord(scope) else { return nil }
        guard record.requestFingerprint == fingerprint else { throw DomainError.idempotencyKeyReused(scope) }
        guard let order = try await orders.order(id: record.orderID) else { return nil }
        return .replayed(order)
    }

    private func pricedOrder(for cart: Cart, request: CheckoutRequest, at now: Date) async throws -> Order {
        let found = try await products.products(ids: cart.lines.map(\.productID))
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [OrderLine] = []
        var shortages: [StockShortage] = []
        for line in cart.lines {
            guard let product = byID[line.productID], product.isActive else {
                let sku = byID[line.productID]?.sku ?? ""
                shortages.append(.init(productID: line.productID, sku: sku, requested: line.quantity, available: 0))
                continue
            }
            lines.append(
                OrderLine(
                    productID: product.id,
                    sku: product.sku,
                    name: product.name,
                    unitPrice: product.price,
                    quantity: line.quantity
                )
            )
        }
        guard shortages.isEmpty else { throw DomainError.outOfStock(shortages) }
        var subtotal = Money.zero(pricing.shipping.currency)
        for line in lines { subtotal = try subtotal.adding(line.lineTotal) }
        let discount = try await promoDiscount(request.promoCode, subtotal: subtotal, at: now)
        let totals = try pricing.totals(
            subtotal: subtotal,
            discount: discount,
            country: request.shippingAddress.country
        )
        return Order(
            userID: request.userID,
            status: .pendingPayment,
            lines: lines,
            totals: totals,
            promoCode: request.promoCode?.uppercased(),
            shippingAddress: request.shippingAddress,
            paymentMethod: request.paymentMethod,
            createdAt: now
        )
    }

    private func promoDiscount(_ code: String?, subtotal: Money, at now: Date) async throws -> Money {
        guard let code, !code.isEmpty else { return .zero(subtotal.currency) }
        guard let promo = try await promoCodes.promoCode(code) else {
            throw DomainError(
                .promoCodeRejected,
                "promo code \(code.uppercased()) does not exist",
                details: ["promo_code": .string(code.uppercased()), "reason": .string("unknown")]
            )
        }
        return try promo.discount(for: subtotal, at: now)
    }
}
