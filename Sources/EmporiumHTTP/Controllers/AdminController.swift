import EmporiumCore
import FoundationEssentials
import Hummingbird
import Logging

/// `/admin/...`: every user's orders, and fault injection. Admins only.
struct AdminController {
    let shop: Shop

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/admin/orders", use: orders)
        router.get("/admin/faults", use: faults)
        router.put("/admin/faults", use: setFaults)
    }

    /// Orders newest first, optionally in one `status`, a page of `limit` at a time from `cursor`.
    @Sendable func orders(_ request: Request, context: AppRequestContext) async throws -> OrderPageBody {
        _ = try context.requireRole(.admin)
        let parameters = QueryParameters(request)
        let status = try parameters.text("status").map { text throws(DomainError) in
            guard let status = OrderStatus(rawValue: text) else {
                let names = OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw DomainError.invalid("status", "one of \(names), got \"\(text)\"")
            }
            return status
        }
        let filter = OrderFilter(
            status: status,
            cursor: try parameters.text("cursor").map { text throws(DomainError) in try OrderCursor(token: text) },
            limit: try parameters.limit() ?? 20
        )
        let page = try await shop.storage.orders.orders(matching: filter)
        let nextCursor = page.count == filter.limit ? page.last.map { OrderCursor(after: $0).token } : nil
        return OrderPageBody(items: page.map { OrderBody($0) }, nextCursor: nextCursor)
    }

    @Sendable func faults(_ request: Request, context: AppRequestContext) async throws -> FaultsBody {
        _ = try context.requireRole(.admin)
        return FaultsBody(shop.faults.settings)
    }

    /// Replaces the fault settings; a field left out turns its fault off.
    @Sendable func setFaults(_ request: Request, context: AppRequestContext) async throws -> FaultsBody {
        let identity = try context.requireRole(.admin)
        let body = try await request.decodeJSON(as: FaultsBody.self, context: context)
        try shop.faults.apply(body.settings)
        context.logger.notice(
            "fault settings changed",
            metadata: ["admin": "\(identity.userID)", "active": "\(FaultsBody(shop.faults.settings).active ?? [])"]
        )
        return FaultsBody(shop.faults.settings)
    }
}
