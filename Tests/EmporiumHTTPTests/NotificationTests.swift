import EmporiumCore
import EmporiumHTTP
import EmporiumIntegrations
import EmporiumSQL
import EmporiumTesting
import Foundation
import HTTPTypes
import Telemetry
import Testing

@Suite("Notifications: the outbox reaches the feed and the mailbox at least once, never twice")
struct NotificationTests {
    @Test("each order event becomes one feed entry and one mail, however often it is delivered")
    func deliveredOnce() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            let order = try await shop.checkout(buyer)
            let pass = try await shop.dispatchOutbox()
            #expect(pass.delivered == 2)
            #expect(pass.backlog.pending == 0)
            #expect(try await shop.dispatchOutbox().delivered == 0)
            let feed = try await shop.call(.get, "/api/v1/notifications", token: buyer.accessToken)
            #expect(feed.items.map { $0["kind"] as? String } == ["order.paid", "order.placed"])
            #expect(feed.items.allSatisfy { $0["order_id"] as? String == order.id })
            let mails = try shop.mails().filter { $0.contains("To: \(buyer.email)") }
            #expect(mails.count == 2)
            #expect(mails.contains { $0.contains("Subject: Payment received: order \(order.id.prefix(8))") })
            #expect(
                try await shop.call(.get, "/api/v1/notifications", token: (try await shop.signUp()).accessToken).items
                    .isEmpty
            )
        }
    }

    @Test("a mail server that refuses connections loses nothing: the events wait, counted, and go out later")
    func failingMailServer() async throws {
        try await TestShop.run { shop in
            let seller = try await shop.user(.seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            _ = try await shop.checkout(buyer)
            let deadServer = try SMTPMailer(url: "smtp://127.0.0.1:\(try FreePort.find())", sender: "shop@example.com")
            let failing = try await OutboxDispatcher(storage: shop.database.storage, mailer: deadServer)
                .dispatchPending()
            #expect(failing.delivered == 0 && failing.failed == 2)
            #expect(failing.backlog.pending == 2)
            let waiting = try await shop.database.storage.outbox.pendingEvents(limit: 10)
            #expect(waiting.allSatisfy { $0.attempts == 1 })
            #expect(try await shop.dispatchOutbox().delivered == 2)
            #expect(try await shop.call(.get, "/api/v1/notifications", token: buyer.accessToken).items.count == 2)
            #expect(try shop.mails().filter { $0.contains("To: \(buyer.email)") }.count == 2)
        }
    }

    @Test("the dispatcher service delivers in the background and reports the backlog as metrics")
    func backgroundDispatch() async throws {
        try await TestShop.run(configure: { $0.outboxPollInterval = .milliseconds(20) }) { shop in
            let seller = try await shop.user(.seller)
            let buyer = try await shop.signUp()
            _ = try await shop.addToCart(buyer, try await shop.product(by: seller))
            _ = try await shop.checkout(buyer)
            try await eventually("two notifications") {
                try await shop.call(.get, "/api/v1/notifications", token: buyer.accessToken).items.count == 2
            }
            let metrics = String(decoding: shop.telemetry.metrics.render(.prometheusText), as: UTF8.self)
            #expect(metrics.contains("emporium_outbox_pending "))
            #expect(metrics.contains("emporium_outbox_oldest_age_seconds "))
        }
    }
}
