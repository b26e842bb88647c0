/// A product repository whose searches take the operator's "slow search" latency longer.
public struct FaultInjectingProductRepository: ProductRepository {
    let products: any ProductRepository
    let faults: Faults

    /// Wraps a repository.
    public init(_ products: any ProductRepository, faults: Faults) {
        self.products = products
        self.faults = faults
    }

    public func search(_ query: ProductQuery) async throws -> ProductPage {
        try await faults.delay(faults.settings.slowSearch)
        return try await products.search(query)
    }

    public func insert(_ product: Product) async throws { try await products.insert(product) }
    public func product(id: Identifier<Product>) async throws -> Product? { try await products.product(id: id) }
    public func products(ids: [Identifier<Product>]) async throws -> [Product] { try await products.products(ids: ids) }
    public func update(_ product: Product) async throws { try await products.update(product) }
    public func setStock(of id: Identifier<Product>, onHand: Int) async throws {
        try await products.setStock(of: id, onHand: onHand)
    }
}
