import EmporiumCore
import EmporiumHTTP
import EmporiumTesting
import Foundation
import HTTPTypes
import Telemetry
import Testing

@Suite("End to end over a real socket, on SQLite and PostgreSQL")
struct LiveJourneyTests {
    @Test(
        "the whole journey: register, search, cart, checkout, history, cancel, refund, webhook",
        arguments: Backend.available
    )
    func journey(_ backend: Backend) async throws {
        try await TestShop.run(backend, mode: .live, configure: { $0.outboxPollInterval = .milliseconds(50) }) { shop in
            let seller = try await shop.user(.seller)
            let admin = try await shop.user(.admin)
            let tent = try await shop.product(by: seller, name: "Summit Dome Tent", price: 24_900, stock: 3)
            let stove = try await shop.product(by: seller, name: "Summit Camp Stove", price: 5_900, stock: 10)
            let buyer = try await shop.signUp()

            let found = try await shop.call(.get, "/api/v1/products?q=summit&sort=price_asc")
            #expect(found.items.map { $0["id"] as? String } == [stove, tent])
            #expect(try await shop.addToCart(buyer, tent).status == .created)
            let card = try await shop.checkout(buyer, key: "journey-1")
            #expect(card.json["status"] as? String == "paid")
            try await Self.expectCheckoutTrace(card, in: shop.telemetry.traceStore)

            // A bank debit: the simulated gateway settles it a moment later with a signed webhook over HTTP.
            _ = try await shop.addToCart(buyer, stove, quantity: 2)
            let debit = try await shop.checkout(buyer, key: "journey-2", paymentMethod: "pm_usBankAccount")
            #expect(debit.json["status"] as? String == "pending_payment")
            try await eventually("the settlement webhook") {
                try await shop.call(.get, "/api/v1/orders/\(debit.id)", token: buyer.accessToken).json["status"]
                    as? String == "paid"
            }

            let history = try await shop.call(.get, "/api/v1/orders", token: buyer.accessToken)
            #expect(history.items.map { $0["id"] as? String } == [debit.id, card.id])
            let canceled = try await shop.call(.post, "/api/v1/orders/\(card.id)/cancel", token: buyer.accessToken)
            #expect(canceled.json["status"] as? String == "canceled")
            #expect(try await shop.stock(tent) == (onHand: 3, reserved: 0))

            for step in ["ship", "deliver"] {
                #expect(
                    try await shop.call(.post, "/api/v1/orders/\(debit.id)/\(step)", token: seller.accessToken).status
                        == .ok
                )
            }
            let refund = try await shop.call(
                .post,
                "/api/v1/orders/\(debit.id)/refunds",
                json: ["amount": ["amount": 5_900, "currency": "USD"], "reason": "one stove was dented"],
                token: admin.accessToken
            )
            #expect(refund.json["status"] as? String == "partially_refunded")
            try await eventually("the feed of every event") {
                try await shop.call(.get, "/api/v1/notifications", token: buyer.accessToken).items.count == 8
            }
        }
    }

    /// One trace holds the checkout: the server span, its queries, the gateway call and the outbox write. The
    /// server span ends as the answer is written, so the client may read the answer a moment before it is stored.
    static func expectCheckoutTrace(_ response: APIResponse, in store: TraceStore) async throws {
        let header = try #require(response.headers[HTTPField.Name("traceresponse")!])
        let traceID = try #require(TraceID(hex: String(header.split(separator: "-")[1])))
        try await eventually("the checkout's server span in the trace store") {
            store.trace(traceID)?.spans.contains { $0.operationName == "/api/v1/orders" } == true
        }
        let trace = try #require(store.trace(traceID))
        let names = trace.spans.map(\.operationName)
        #expect(trace.root.operationName == "/api/v1/orders")
        #expect(names.contains("checkout transaction"))
        #expect(names.contains("payment gateway create"))
        #expect(names.contains { $0.contains("outbox_events") })
        #expect(names.contains { $0.hasPrefix("SELECT ") })
        #expect(trace.spans.allSatisfy { $0.context.traceID == traceID })
    }
}
