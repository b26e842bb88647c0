import EmporiumCore
import FoundationEssentials
import Hummingbird

/// `/products`: search and product pages for everyone; sellers manage their own products, admins every one.
struct ProductController {
    let shop: Shop
    let currency: Currency

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/products", use: search)
        router.get("/products/{id}", use: product)
        router.post("/products", use: create)
        router.patch("/products/{id}", use: update)
        router.delete("/products/{id}", use: deactivate)
        router.put("/products/{id}/stock", use: setStock)
    }

    /// A page of search results, served from the catalog cache (keyed by its query string in a canonical order)
    /// until any product changes.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try await ProductQuery(parameters: QueryParameters(request), categories: shop.storage.categories)
        let key = CatalogCacheKey.search(
            (request.uri.query ?? "").split(separator: "&").sorted().joined(separator: "&")
        )
        let cached = await shop.catalogCache.lookup(key)
        if let page = cached.value { return Self.json(page) }
        let found = try await shop.storage.products.search(query)
        let body = ProductPageBody(items: found.items.map(ProductBody.init), nextCursor: found.nextCursor?.token)
        let page = Array(try context.responseEncoder.encode(body))
        await shop.catalogCache.store(page, for: key, generation: cached.generation)
        return Self.json(page)
    }

    /// A product page, rendered once and then served from the catalog cache until the product, its stock or
    /// its rating changes. An inactive product is only shown, uncached, to whoever manages it.
    @Sendable func product(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id: Identifier<Product> = try context.parameters.identifier("id", of: "Product")
        let cached = await shop.catalogCache.lookup(.product(id))
        if let page = cached.value { return Self.json(page) }
        let product = try await existingProduct(request, context)
        guard product.isActive else {
            guard context.identity.map({ Self.mayManage(product, $0) }) == true else {
                throw DomainError.notFound("Product", product.id.description)
            }
            return Self.json(Array(try context.responseEncoder.encode(ProductBody(product))))
        }
        let page = Array(try context.responseEncoder.encode(ProductBody(product)))
        await shop.catalogCache.store(page, for: .product(id), generation: cached.generation)
        return Self.json(page)
    }

    private static func json(_ page: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: page))
        )
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ProductBody> {
        let identity = try context.requireRole(.seller, .admin)
        let body = try await request.decodeJSON(as: CreateProductRequest.self, context: context)
        try checkCurrency(body.price)
        try await checkCategory(body.categoryID)
        let product = Product(
            sku: body.sku,
            name: body.name,
            description: body.description ?? "",
            price: body.price,
            categoryID: body.categoryID,
            brand: body.brand,
            sellerID: identity.userID,
            attributes: body.attributes ?? [:],
            inventory: Inventory(onHand: body.stock ?? 0),
            createdAt: Date()
        )
        try await shop.storage.products.insert(product)
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/products/\(product.id)"],
            response: ProductBody(product)
        )
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> ProductBody {
        var product = try await managedProduct(request, context)
        let body = try await request.decodeJSON(as: UpdateProductRequest.self, context: context)
        if let price = body.price {
            try checkCurrency(price)
            product.price = price
        }
        try await checkCategory(body.categoryID)
        product.name = body.name ?? product.name
        product.description = body.description ?? product.description
        product.categoryID = body.categoryID ?? product.categoryID
        product.brand = body.brand ?? product.brand
        product.attributes = body.attributes ?? product.attributes
        product.isActive = body.active ?? product.isActive
        try await shop.storage.products.update(product)
        return ProductBody(product)
    }

    /// Deleting keeps the product for the orders that name it: it is deactivated, hidden and unbuyable.
    @Sendable func deactivate(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        var product = try await managedProduct(request, context)
        product.isActive = false
        try await shop.storage.products.update(product)
        return .noContent
    }

    @Sendable func setStock(_ request: Request, context: AppRequestContext) async throws -> ProductBody {
        let product = try await managedProduct(request, context)
        let body = try await request.decodeJSON(as: StockRequest.self, context: context)
        try await shop.storage.products.setStock(of: product.id, onHand: body.onHand)
        guard let updated = try await shop.storage.products.product(id: product.id) else {
            throw DomainError.notFound("Product", product.id.description)
        }
        return ProductBody(updated)
    }

    private func existingProduct(_ request: Request, _ context: AppRequestContext) async throws -> Product {
        let id: Identifier<Product> = try context.parameters.identifier("id", of: "Product")
        guard let product = try await shop.storage.products.product(id: id) else {
            throw DomainError.notFound("Product", id.description)
        }
        return product
    }

    /// The product, which the caller must manage: 403 for a customer or another seller.
    private func managedProduct(_ request: Request, _ context: AppRequestContext) async throws -> Product {
        let identity = try context.requireRole(.seller, .admin)
        let product = try await existingProduct(request, context)
        guard Self.mayManage(product, identity) else {
            throw APIError(
                status: .forbidden,
                code: "forbidden",
                message: "only the product's seller or an admin may change it"
            )
        }
        return product
    }

    static func mayManage(_ product: Product, _ identity: Identity) -> Bool {
        identity.role == .admin || (identity.role == .seller && product.sellerID == identity.userID)
    }

    private func checkCurrency(_ price: Money) throws {
        guard price.currency == currency else {
            throw DomainError.invalid("price.currency", "\(currency), the shop's currency, got \(price.currency)")
        }
    }

    private func checkCategory(_ id: Identifier<Category>?) async throws {
        guard let id else { return }
        guard try await shop.storage.categories.categories().contains(where: { $0.id == id }) else {
            throw DomainError.invalid("category_id", "the id of a category from GET /api/v1/categories")
        }
    }
}

extension ProductQuery {
    /// The query of `GET /products`: `q`, `category` (an id or a slug), `min_price`, `max_price`, `in_stock`,
    /// `sort`, `cursor`, `limit`.
    init(parameters: QueryParameters, categories: any CategoryRepository) async throws {
        var categoryID: Identifier<Category>?
        if let category = try parameters.text("category") {
            categoryID = try await Self.category(category, in: categories)
        }
        try self.init(
            text: parameters.text("q"),
            categoryID: categoryID,
            minPrice: parameters.integer("min_price"),
            maxPrice: parameters.integer("max_price"),
            inStockOnly: parameters.flag("in_stock") ?? false,
            sort: parameters.text("sort").map { text throws(DomainError) in try ProductSort(parsing: text) },
            cursor: parameters.text("cursor").map { text throws(DomainError) in try SearchCursor(token: text) },
            limit: parameters.limit()
        )
    }

    private static func category(_ text: String, in categories: any CategoryRepository) async throws
        -> Identifier<Category>
    {
        if let id = Identifier<Category>(text) { return id }
        guard let match = try await categories.categories().first(where: { $0.slug == text.lowercased() }) else {
            throw DomainError.invalid("category", "a category id or slug from GET /api/v1/categories, got \"\(text)\"")
        }
        return match.id
    }
}
