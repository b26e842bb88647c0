import EmporiumCore
import EmporiumHTTP
import EmporiumSQL
import Foundation
import HTTPTypes
import Telemetry
import Testing

@Suite("Catalog: products, search, categories, reviews")
struct CatalogTests {
    @Test("search pages come from the catalog cache and never outlive a change: a new price shows at once")
    func cachedSearch() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, name: "Basalt Camp Stove", price: 4_900, stock: 5)
            let price = { (answer: APIResponse) in (answer.items.first?["price"] as? [String: Any])?["amount"] as? Int }
            let search = "/api/v1/products?q=basalt%20stove&limit=5"
            #expect(price(try await shop.call(.get, search)) == 4_900)
            #expect(price(try await shop.call(.get, "/api/v1/products?limit=5&q=basalt%20stove")) == 4_900)
            let exposition = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(exposition.contains(#"emporium_cache_requests_total{cache="search_page",result="hit"} 1"#))
            let edited = try await shop.call(
                .patch,
                "/api/v1/products/\(id)",
                json: ["price": ["amount": 3_900, "currency": "USD"]],
                token: seller.accessToken
            )
            #expect(edited.status == .ok)
            #expect(price(try await shop.call(.get, search)) == 3_900, "the cached page went with the change")
        }
    }

    @Test("a seller creates, edits, restocks and removes a product; everyone can find it until it is removed")
    func sellerManagesProducts() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, name: "Granite Trail Tent", price: 19_900, stock: 3)
            let page = try await shop.call(.get, "/api/v1/products/\(id)")
            #expect(page.status == .ok)
            #expect((page.json["price"] as? [String: Any])?["amount"] as? Int == 19_900)
            #expect((page.json["stock"] as? [String: Any])?["available"] as? Int == 3)
            #expect(page.json["seller_id"] as? String == seller.userID)

            let found = try await shop.call(.get, "/api/v1/products?q=granite%20tent")
            #expect(found.items.map { $0["id"] as? String } == [id])

            let edited = try await shop.call(
                .patch,
                "/api/v1/products/\(id)",
                json: ["price": ["amount": 17_900, "currency": "USD"], "name": "Granite Trail Tent 2P"],
                token: seller.accessToken
            )
            #expect(edited.status == .ok)
            #expect(edited.json["name"] as? String == "Granite Trail Tent 2P")
            let restocked = try await shop.call(
                .put,
                "/api/v1/products/\(id)/stock",
                json: ["on_hand": 40],
                token: seller.accessToken
            )
            #expect((restocked.json["stock"] as? [String: Any])?["available"] as? Int == 40)

            #expect(
                try await shop.call(.delete, "/api/v1/products/\(id)", token: seller.accessToken).status == .noContent
            )
            #expect(try await shop.call(.get, "/api/v1/products/\(id)").status == .notFound)
            #expect(try await shop.call(.get, "/api/v1/products/\(id)", token: seller.accessToken).status == .ok)
            #expect(try await shop.call(.get, "/api/v1/products?q=granite").items.isEmpty)
        }
    }

    @Test("a cached product page follows its stock and rating: checkouts, cancels and reviews invalidate it")
    func cachedPageStaysCurrent() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 5)
            let available = { () async throws -> Int? in
                (try await shop.call(.get, "/api/v1/products/\(id)").json["stock"] as? [String: Any])?["available"]
                    as? Int
            }
            #expect(try await available() == 5)
            #expect(try await available() == 5)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id, quantity: 2)
            let order = try await shop.checkout(buyer)
            #expect(try await available() == 3)
            _ = try await shop.call(.post, "/api/v1/orders/\(order.id)/cancel", token: buyer.accessToken)
            #expect(try await available() == 5)
            _ = try await shop.call(
                .post,
                "/api/v1/products/\(id)/reviews",
                json: ["rating": 4],
                token: buyer.accessToken
            )
            let rating = try await shop.call(.get, "/api/v1/products/\(id)").json["rating"] as? [String: Any]
            #expect(rating?["count"] as? Int == 1)
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains(#"emporium_cache_requests_total{cache="product_page",result="hit"} 1"#))
            #expect(metrics.contains(#"emporium_cache_requests_total{cache="product_page",result="miss"} 4"#))
        }
    }

    @Test("only sellers and admins create products; only the owner or an admin changes one")
    func productPermissions() async throws {
        try await TestShop.run { shop in
            let customer = try await shop.signUp()
            let seller = try await shop.user(.seller)
            let rival = try await shop.user(.seller)
            let admin = try await shop.user(.admin)
            let id = try await shop.product(by: seller)
            let body: [String: Any] = ["sku": "X-1", "name": "X", "price": ["amount": 100, "currency": "USD"]]
            #expect(
                try await shop.call(.post, "/api/v1/products", json: body, token: customer.accessToken).status
                    == .forbidden
            )
            #expect(try await shop.call(.post, "/api/v1/products", json: body).status == .unauthorized)
            let rivalEdit = try await shop.call(
                .patch,
                "/api/v1/products/\(id)",
                json: ["name": "Mine now"],
                token: rival.accessToken
            )
            #expect(rivalEdit.status == .forbidden)
            let adminEdit = try await shop.call(
                .patch,
                "/api/v1/products/\(id)",
                json: ["name": "Checked"],
                token: admin.accessToken
            )
            #expect(adminEdit.status == .ok)
        }
    }

    @Test("product input is checked field by field; a taken sku is a 409")
    func productValidation() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let cases: [(body: [String: Any], field: String)] = [
                (["sku": "", "name": "N", "price": ["amount": 1, "currency": "USD"]], "sku"),
                (["sku": "S", "name": "N", "price": ["amount": -1, "currency": "USD"]], "price.amount"),
                (["sku": "S", "name": "N", "price": ["amount": 1, "currency": "EUR"]], "price.currency"),
                (["sku": "S", "name": "N", "price": ["amount": "1", "currency": "USD"]], "price.amount"),
                (["sku": "S", "name": "N", "price": ["amount": 1, "currency": "USD"], "stock": -4], "stock"),
                (
                    [
                        "sku": "S", "name": "N", "price": ["amount": 1, "currency": "USD"],
                        "category_id": UUID().uuidString,
                    ], "category_id"
                ),
                (["sku": "S", "name": "N"], "price"),
            ]
            for (body, field) in cases {
                let response = try await shop.call(.post, "/api/v1/products", json: body, token: seller.accessToken)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorField == field, "\(body): \(response.text)")
            }
            let body: [String: Any] = ["sku": "DUP-1", "name": "N", "price": ["amount": 1, "currency": "USD"]]
            #expect(
                try await shop.call(.post, "/api/v1/products", json: body, token: seller.accessToken).status == .created
            )
            let duplicate = try await shop.call(.post, "/api/v1/products", json: body, token: seller.accessToken)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorField == "sku")
        }
    }

    @Test("search pages with cursors; limit is clamped; bad parameters name themselves")
    func searchParameters() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            for index in 0..<5 {
                _ = try await shop.product(by: seller, name: "Lantern \(index)", price: 1_000 + index)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let query = "/api/v1/products?sort=price_asc&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await shop.call(.get, query)
                seen += page.items.compactMap { $0["id"] as? String }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 5 && Set(seen).count == 5)

            let huge = try await shop.call(.get, "/api/v1/products?limit=1000000")
            #expect(huge.status == .ok)
            #expect(huge.items.count == 5)
            let bad: [(query: String, field: String)] = [
                ("limit=ten", "limit"), ("min_price=cheap", "min_price"), ("sort=popular", "sort"),
                ("cursor=garbage", "cursor"), ("in_stock=maybe", "in_stock"), ("min_price=9&max_price=1", "max_price"),
                ("category=no-such-category", "category"), ("sort=relevance", "sort"),
            ]
            for (query, field) in bad {
                let response = try await shop.call(.get, "/api/v1/products?\(query)")
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.errorField == field, "\(query): \(response.text)")
            }
            #expect(try await shop.call(.get, "/api/v1/products/not-a-uuid").status == .notFound)
            #expect(try await shop.call(.get, "/api/v1/products/\(UUID().uuidString)").status == .notFound)
        }
    }

    @Test("categories list the tree; a category filter accepts its slug")
    func categories() async throws {
        try await TestShop.run { shop in
            let outdoors = Category(name: "Outdoors", slug: "outdoors", parentID: nil)
            try await shop.database.storage.categories.insert(outdoors)
            let seller = try await shop.user(.seller)
            let created = try await shop.call(
                .post,
                "/api/v1/products",
                json: [
                    "sku": "CAT-1", "name": "Camp Stove", "price": ["amount": 4_500, "currency": "USD"],
                    "category_id": outdoors.id.description, "stock": 1,
                ],
                token: seller.accessToken
            )
            #expect(created.status == .created)
            _ = try await shop.product(by: seller, name: "Desk Lamp")
            let list = try await shop.call(.get, "/api/v1/categories")
            #expect(list.items.contains { $0["slug"] as? String == "outdoors" })
            let filtered = try await shop.call(.get, "/api/v1/products?category=outdoors")
            #expect(filtered.items.map { $0["name"] as? String } == ["Camp Stove"])
        }
    }

    @Test("reviews: one per customer, marked verified after a paid order, rating kept on the product")
    func reviews() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, id)
            #expect(try await shop.checkout(buyer).json["status"] as? String == "paid")
            let review = try await shop.call(
                .post,
                "/api/v1/products/\(id)/reviews",
                json: ["rating": 5, "title": "Great", "body": "Comfortable for hours."],
                token: buyer.accessToken
            )
            #expect(review.status == .created)
            #expect(review.json["verified_purchase"] as? Bool == true)
            let again = try await shop.call(
                .post,
                "/api/v1/products/\(id)/reviews",
                json: ["rating": 1],
                token: buyer.accessToken
            )
            #expect(again.status == .conflict)
            let browser = try await shop.signUp()
            let outOfRange = try await shop.call(
                .post,
                "/api/v1/products/\(id)/reviews",
                json: ["rating": 9],
                token: browser.accessToken
            )
            #expect(outOfRange.errorField == "rating")
            let list = try await shop.call(.get, "/api/v1/products/\(id)/reviews")
            #expect(list.items.count == 1)
            let rating = try await shop.call(.get, "/api/v1/products/\(id)").json["rating"] as? [String: Any]
            #expect(rating?["average"] as? Double == 5 && rating?["count"] as? Int == 1)
        }
    }
}
