import EmporiumCore
import EmporiumHTTP
import EmporiumSQL
import Foundation
import HTTPTypes
import Telemetry
import Testing
import Tracing

@Suite("Metrics for operations: what dashboards and alerts read exists, and counts what happened")
struct OperationsMetricsTests {
    @Test("a new shop exposes its counters at 0, its readiness checks as gauges, and database calls in flight")
    func startsAtZero() async throws {
        try await TestShop.run(configure: { $0.readinessInterval = .milliseconds(20) }) { shop in
            let metrics = { String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self) }
            for series in [
                "emporium_orders_placed_total 0", "emporium_stock_conflicts_total 0",
                #"emporium_payments_total{outcome="error"} 0"#, #"emporium_payments_total{outcome="succeeded"} 0"#,
                #"emporium_cart_operations_total{op="update"} 0"#,
            ] {
                #expect(metrics().contains(series), "\(series)")
            }
            try await eventually("the readiness monitor's first round") {
                metrics().contains(#"emporium_readiness_check_up{check="database",critical="true"} 1"#)
            }
            // The readiness monitor may be running its query right now: 0 or 1.
            #expect(metrics().contains(#"emporium_db_calls_in_flight{db_system="sqlite"} "#))
        }
    }

    @Test(
        "provider calls are timed by result, promo redemptions counted by code; a 5xx is timed and fails its span"
    )
    func gatewayAndPromo() async throws {
        try await TestShop.run { shop in
            try await shop.addPromoCode("SPRING5", percent: 5)
            let seller = try await shop.user(.seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            #expect(try await shop.checkout(buyer, promoCode: "SPRING5").status == .created)
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            try shop.faults.apply(FaultSettings(paymentFailureRate: 1))
            #expect(try await shop.checkout(buyer).status == .badGateway)

            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(
                metrics.contains(
                    #"emporium_payment_gateway_duration_seconds_count{operation="create",result="ok"} 1"#
                )
            )
            #expect(
                metrics.contains(
                    #"emporium_payment_gateway_duration_seconds_count{operation="create",result="error"} 1"#
                )
            )
            #expect(metrics.contains(#"emporium_promo_redemptions_total{code="SPRING5"} 1"#))
            #expect(metrics.contains("emporium_orders_placed_total 1"))
            #expect(
                metrics.contains(
                    #"http_server_request_duration_seconds_count{http_request_method="POST",http_response_status_code="502",http_route="/api/v1/orders"} 1"#
                ),
                "the availability SLO counts it"
            )
            let checkout = try #require(
                shop.telemetry.traceStore.recentTraces().first { $0.root.operationName == "/api/v1/orders" }
            )
            #expect(checkout.root.status?.code == .error)
            let list = try #require(
                shop.telemetry.traceStore.recentTraces().first { $0.root.operationName == "/api/v1/cart/items" }
            )
            #expect(list.root.status == nil, "a 2xx answer leaves the status unset")
        }
    }
}
