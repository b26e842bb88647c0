import EmporiumCore
import Hummingbird

/// Who may see and change an order: its customer, an admin, or a seller of one of its products. To anyone
/// else it does not exist (404), so order ids cannot be probed.
struct OrderAccess {
    let storage: Storage

    /// The order in the path's `id`, if the caller may see it.
    func visibleOrder(_ context: AppRequestContext) async throws -> Order {
        let identity = try context.requireIdentity()
        let id: Identifier<Order> = try context.parameters.identifier("id", of: "Order")
        guard let order = try await storage.orders.order(id: id), try await mayView(order, identity) else {
            throw DomainError.notFound("Order", id.description)
        }
        return order
    }

    /// The order, which the caller must fulfil (admin, or a seller of one of its products): 403 otherwise.
    func fulfilledOrder(_ context: AppRequestContext) async throws -> Order {
        let order = try await visibleOrder(context)
        let identity = try context.requireIdentity()
        if identity.role == .admin { return order }
        if identity.role == .seller, try await sells(order, identity) { return order }
        throw APIError(
            status: .forbidden,
            code: "forbidden",
            message: "only an admin or a seller of the order's products may do this"
        )
    }

    private func mayView(_ order: Order, _ identity: Identity) async throws -> Bool {
        switch identity.role {
        case .admin: true
        case .customer: order.userID == identity.userID
        case .seller: order.userID == identity.userID ? true : try await sells(order, identity)
        }
    }

    private func sells(_ order: Order, _ identity: Identity) async throws -> Bool {
        let products = try await storage.products.products(ids: order.lines.map(\.productID))
        return products.contains { $0.sellerID == identity.userID }
    }
}
