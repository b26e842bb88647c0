import EmporiumCore
import Hummingbird

/// `GET /notifications`: the signed-in user's in-app feed, newest first.
struct NotificationController {
    let shop: Shop

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/notifications", use: feed)
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> ItemsBody<NotificationBody> {
        let identity = try context.requireIdentity()
        let limit = try QueryParameters(request).limit() ?? 20
        let feed = try await shop.storage.notifications.notifications(of: identity.userID, limit: limit)
        return ItemsBody(items: feed.map(NotificationBody.init))
    }
}
