extension Storage {
    /// The same storage with every write that changes what a product page shows (the product, its stock, its
    /// rating) invalidating that page, and every search page, in `cache`: product edits and stock, checkouts and
    /// order changes, reviews.
    public func invalidating(_ cache: any CatalogCache) -> Storage {
        var storage = self
        storage.products = CacheInvalidatingProductRepository(products, cache: cache)
        storage.orders = CacheInvalidatingOrderRepository(orders, cache: cache)
        storage.reviews = CacheInvalidatingReviewRepository(reviews, cache: cache)
        return storage
    }
}

/// Products whose writes invalidate their pages.
struct CacheInvalidatingProductRepository: ProductRepository {
    let products: any ProductRepository
    let cache: any CatalogCache

    init(_ products: any ProductRepository, cache: any CatalogCache) {
        self.products = products
        self.cache = cache
    }

    func insert(_ product: Product) async throws {
        try await products.insert(product)
        await cache.invalidate([.product(product.id), .searches])
    }

    func update(_ product: Product) async throws {
        try await products.update(product)
        await cache.invalidate([.product(product.id), .searches])
    }

    func setStock(of id: Identifier<Product>, onHand: Int) async throws {
        try await products.setStock(of: id, onHand: onHand)
        await cache.invalidate([.product(id), .searches])
    }

    func product(id: Identifier<Product>) async throws -> Product? { try await products.product(id: id) }
    func products(ids: [Identifier<Product>]) async throws -> [Product] { try await products.products(ids: ids) }
    func search(_ query: ProductQuery) async throws -> ProductPage { try await products.search(query) }
}

/// Orders whose placement and changes (reservations, releases, restocks) invalidate their products' pages.
struct CacheInvalidatingOrderRepository: OrderRepository {
    let orders: any OrderRepository
    let cache: any CatalogCache

    init(_ orders: any OrderRepository, cache: any CatalogCache) {
        self.orders = orders
        self.cache = cache
    }

    func place(_ placement: OrderPlacement) async throws -> PlacementResult {
        let result = try await orders.place(placement)
        await cache.invalidate(placement.order.lines.map { .product($0.productID) } + [.searches])
        return result
    }

    func apply(_ transition: OrderTransition) async throws {
        try await orders.apply(transition)
        await cache.invalidate(transition.order.lines.map { .product($0.productID) } + [.searches])
    }

    func idempotencyRecord(_ scope: IdempotencyScope) async throws -> IdempotencyRecord? {
        try await orders.idempotencyRecord(scope)
    }
    func order(id: Identifier<Order>) async throws -> Order? { try await orders.order(id: id) }
    func orders(of userID: Identifier<User>, limit: Int) async throws -> [Order] {
        try await orders.orders(of: userID, limit: limit)
    }
    func orders(matching filter: OrderFilter) async throws -> [Order] { try await orders.orders(matching: filter) }
    func refunds(of orderID: Identifier<Order>) async throws -> [Refund] { try await orders.refunds(of: orderID) }
}

/// Reviews, whose ratings a product page shows.
struct CacheInvalidatingReviewRepository: ReviewRepository {
    let reviews: any ReviewRepository
    let cache: any CatalogCache

    init(_ reviews: any ReviewRepository, cache: any CatalogCache) {
        self.reviews = reviews
        self.cache = cache
    }

    func insert(_ review: Review) async throws {
        try await reviews.insert(review)
        await cache.invalidate([.product(review.productID), .searches])
    }

    func reviews(of productID: Identifier<Product>, limit: Int) async throws -> [Review] {
        try await reviews.reviews(of: productID, limit: limit)
    }

    func hasPurchased(_ productID: Identifier<Product>, userID: Identifier<User>) async throws -> Bool {
        try await reviews.hasPurchased(productID, userID: userID)
    }
}
