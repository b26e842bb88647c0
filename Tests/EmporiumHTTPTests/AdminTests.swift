import EmporiumCore
import EmporiumHTTP
import Foundation
import HTTPTypes
import Telemetry
import Testing

@Suite("Admin: order overview and fault injection")
struct AdminTests {
    @Test("customers and sellers get 403 on every admin route; without a token 401")
    func adminOnly() async throws {
        try await TestShop.run { shop in
            let customer = try await shop.signUp()
            let seller = try await shop.user(.seller)
            for (method, path) in [
                (HTTPRequest.Method.get, "/api/v1/admin/orders"), (.get, "/api/v1/admin/faults"),
                (.put, "/api/v1/admin/faults"),
            ] {
                #expect(try await shop.call(method, path, json: [:], token: customer.accessToken).status == .forbidden)
                #expect(try await shop.call(method, path, json: [:], token: seller.accessToken).status == .forbidden)
                #expect(try await shop.call(method, path, json: [:]).status == .unauthorized)
            }
        }
    }

    @Test("the order overview pages through every user's orders, newest first, by status")
    func orderOverview() async throws {
        try await TestShop.run { shop in
            let admin = try await shop.user(.admin)
            let seller = try await shop.user(.seller)
            let id = try await shop.product(by: seller, stock: 50)
            var placed: [String] = []
            for method in ["pm_card_visa", "pm_card_visa", "pm_card_chargeDeclined", "pm_card_visa", "pm_card_visa"] {
                let buyer = try await shop.signUp()
                _ = try await shop.addToCart(buyer, id)
                placed.append(try await shop.checkout(buyer, paymentMethod: method).id)
            }
            var listed: [[String: Any]] = []
            var cursor: String?
            repeat {
                let page = try await shop.call(
                    .get,
                    "/api/v1/admin/orders?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""),
                    token: admin.accessToken
                )
                listed += page.items
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            // Orders placed in the same millisecond tie on time and come in id order, so compare as a set.
            let ids = listed.compactMap { $0["id"] as? String }
            #expect(ids.count == placed.count && Set(ids) == Set(placed), "every order once")
            let times = listed.compactMap { $0["created_at"] as? String }
            #expect(times == times.sorted(by: >), "newest first")
            let failed = try await shop.call(
                .get,
                "/api/v1/admin/orders?status=payment_failed",
                token: admin.accessToken
            )
            #expect(failed.items.map { $0["id"] as? String } == [placed[2]])
            #expect(
                try await shop.call(.get, "/api/v1/admin/orders?status=lost", token: admin.accessToken).errorField
                    == "status"
            )
        }
    }

    @Test("faults: set, shown as emporium_fault_active, validated field by field, and felt by the shop")
    func faults() async throws {
        try await TestShop.run { shop in
            let admin = try await shop.user(.admin)
            let set = try await shop.call(
                .put,
                "/api/v1/admin/faults",
                json: ["payment_failure_rate": 1.0, "slow_search_ms": 50],
                token: admin.accessToken
            )
            #expect(set.status == .ok)
            #expect(set.json["active"] as? [String] == ["payment_failure_rate", "slow_search"])
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains(#"emporium_fault_active{fault="payment_failure_rate"} 1"#))
            #expect(metrics.contains(#"emporium_fault_active{fault="database_latency"} 0"#))

            let seller = try await shop.user(.seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            #expect(try await shop.checkout(buyer).errorCode == "payment_gateway_unavailable")
            #expect(try await shop.call(.get, "/api/v1/products?q=anything").status == .ok)

            for (body, field) in [
                (["payment_failure_rate": 1.5], "payment_failure_rate"),
                (["database_latency_ms": -1], "database_latency_ms"),
                (["slow_search_ms": 3_600_000], "slow_search_ms"),
                (["payment_latency_ms": "slow"], "payment_latency_ms"),
            ] as [([String: Any], String)] {
                let response = try await shop.call(.put, "/api/v1/admin/faults", json: body, token: admin.accessToken)
                #expect(response.status == .badRequest)
                #expect(response.errorField == field, "\(body)")
            }
            let cleared = try await shop.call(.put, "/api/v1/admin/faults", json: [:], token: admin.accessToken)
            #expect(cleared.json["active"] as? [String] == [])
            #expect(
                try await shop.call(.get, "/api/v1/admin/faults", token: admin.accessToken).json["payment_failure_rate"]
                    as? Double == 0
            )
        }
    }
}
