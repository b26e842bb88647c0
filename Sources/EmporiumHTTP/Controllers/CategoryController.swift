import EmporiumCore
import FoundationEssentials
import Hummingbird

/// `GET /categories` and a product's reviews.
struct CategoryController {
    let shop: Shop

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/categories", use: categories)
        router.get("/products/{id}/reviews", use: reviews)
        router.post("/products/{id}/reviews", use: review)
    }

    @Sendable func categories(_ request: Request, context: AppRequestContext) async throws -> ItemsBody<CategoryBody> {
        ItemsBody(items: try await shop.storage.categories.categories().map(CategoryBody.init))
    }

    @Sendable func reviews(_ request: Request, context: AppRequestContext) async throws -> ItemsBody<ReviewBody> {
        let id: Identifier<Product> = try context.parameters.identifier("id", of: "Product")
        guard try await shop.storage.products.product(id: id)?.isActive == true else {
            throw DomainError.notFound("Product", id.description)
        }
        let limit = min(max(try QueryParameters(request).limit() ?? 20, 1), 100)
        return ItemsBody(items: try await shop.storage.reviews.reviews(of: id, limit: limit).map(ReviewBody.init))
    }

    /// One review per user and product, marked "verified purchase" when the user paid for the product.
    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ReviewBody> {
        let identity = try context.requireIdentity()
        let id: Identifier<Product> = try context.parameters.identifier("id", of: "Product")
        let body = try await request.decodeJSON(as: CreateReviewRequest.self, context: context)
        let review = try await shop.reviews.submit(
            ReviewSubmission(
                productID: id,
                userID: identity.userID,
                rating: body.rating,
                title: body.title ?? "",
                body: body.body ?? ""
            )
        )
        return EditedResponse(status: .created, response: ReviewBody(review))
    }
}
