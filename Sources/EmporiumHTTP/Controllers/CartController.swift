import CoreMetrics
import EmporiumCore
import FoundationEssentials
import Hummingbird

/// `/cart`: the signed-in user's cart. Every operation is counted in
/// `emporium_cart_operations_total{op}` (`view`, `add`, `update`, `remove`).
struct CartController {
    /// The swift-metrics label of the operation counter.
    static let operationsLabel = "emporium.cart.operations"
    /// The values of `emporium_cart_operations_total`'s `op`.
    static let operations = ["view", "add", "update", "remove"]

    let shop: Shop
    let currency: Currency

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/cart", use: view)
        router.post("/cart/items", use: add)
        router.patch("/cart/items/{productId}", use: update)
        router.delete("/cart/items/{productId}", use: remove)
    }

    @Sendable func view(_ request: Request, context: AppRequestContext) async throws -> CartBody {
        let cart = try await shop.storage.carts.cart(of: .user(try context.requireIdentity().userID))
        count("view")
        return try await priced(cart)
    }

    /// Adds units of an active product; 201 when the line is new, 200 when its quantity grew. Asking for more
    /// than is available is refused (409 `out_of_stock`), though stock is only reserved at checkout.
    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CartBody> {
        let identity = try context.requireIdentity()
        let body = try await request.decodeJSON(as: AddCartItemRequest.self, context: context)
        guard (1...Cart.maxQuantity).contains(body.quantity) else {
            throw DomainError.invalid("quantity", "a whole number from 1 to \(Cart.maxQuantity), got \(body.quantity)")
        }
        let product = try await buyableProduct(body.productID)
        var cart = try await shop.storage.carts.cart(of: .user(identity.userID))
        let isNewLine = !cart.lines.contains { $0.productID == product.id }
        try cart.add(product.id, quantity: body.quantity)
        try checkAvailable(product, in: cart)
        cart.updatedAt = Date()
        try await shop.storage.carts.save(cart)
        count("add")
        return EditedResponse(status: isNewLine ? .created : .ok, response: try await priced(cart))
    }

    /// Sets a line's quantity; 0 removes it.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> CartBody {
        let identity = try context.requireIdentity()
        let productID: Identifier<Product> = try context.parameters.identifier("productId", of: "Product")
        let body = try await request.decodeJSON(as: UpdateCartItemRequest.self, context: context)
        var cart = try await lineOwningCart(identity, productID)
        try cart.setQuantity(of: productID, to: body.quantity)
        if body.quantity > 0 {
            try checkAvailable(try await buyableProduct(productID), in: cart)
        }
        cart.updatedAt = Date()
        try await shop.storage.carts.save(cart)
        count(body.quantity == 0 ? "remove" : "update")
        return try await priced(cart)
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> CartBody {
        let identity = try context.requireIdentity()
        let productID: Identifier<Product> = try context.parameters.identifier("productId", of: "Product")
        var cart = try await lineOwningCart(identity, productID)
        try cart.setQuantity(of: productID, to: 0)
        cart.updatedAt = Date()
        try await shop.storage.carts.save(cart)
        count("remove")
        return try await priced(cart)
    }

    private func lineOwningCart(_ identity: Identity, _ productID: Identifier<Product>) async throws -> Cart {
        let cart = try await shop.storage.carts.cart(of: .user(identity.userID))
        guard cart.lines.contains(where: { $0.productID == productID }) else {
            throw DomainError(
                .notFound,
                "product \(productID) is not in the cart",
                details: ["product_id": .string(productID.description)]
            )
        }
        return cart
    }

    private func buyableProduct(_ id: Identifier<Product>) async throws -> Product {
        guard let product = try await shop.storage.products.product(id: id), product.isActive else {
            throw DomainError.notFound("Product", id.description)
        }
        return product
    }

    private func checkAvailable(_ product: Product, in cart: Cart) throws {
        let wanted = cart.lines.first { $0.productID == product.id }?.quantity ?? 0
        let available = max(product.inventory.available, 0)
        guard wanted <= available else {
            throw DomainError.outOfStock([
                StockShortage(productID: product.id, sku: product.sku, requested: wanted, available: available)
            ])
        }
    }

    /// The cart's lines with today's prices and availability; products that were removed show as unavailable.
    private func priced(_ cart: Cart) async throws -> CartBody {
        let products = try await shop.storage.products.products(ids: cart.lines.map(\.productID))
        let byID = Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var subtotal = Money.zero(currency)
        var lines: [CartBody.Line] = []
        for line in cart.lines {
            guard let product = byID[line.productID] else { continue }
            let lineTotal = product.price.times(line.quantity)
            subtotal = (try? subtotal.adding(lineTotal)) ?? subtotal
            lines.append(
                CartBody.Line(
                    productID: product.id,
                    sku: product.sku,
                    name: product.name,
                    quantity: line.quantity,
                    unitPrice: product.price,
                    lineTotal: lineTotal,
                    available: product.isActive ? max(product.inventory.available, 0) : 0
                )
            )
        }
        return CartBody(items: lines, subtotal: subtotal, itemCount: lines.reduce(0) { $0 + $1.quantity })
    }

    private func count(_ operation: String) {
        Counter(label: Self.operationsLabel, dimensions: [("op", operation)]).increment()
    }
}
