import EmporiumCore
import EmporiumSQL
import EmporiumTesting
import Foundation
import Testing

@Suite("Contract: order overview, reservation sweeper, webhook events, sessions")
struct OperationsContractTests {
    @Test(
        "the order overview filters by status and pages through ties on the placement time",
        arguments: Backend.available
    )
    func orderOverview(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Mug", stock: 100)
            var placed: [Order] = []
            for _ in 0..<7 { placed.append(try await shop.placedOrder(of: product)) }
            let service = OrderService(storage: shop.storage, gateway: CardNetworkStub(), now: { Fixtures.now })
            try await service.handle(.paymentSucceeded, orderID: placed[3].id)

            var listed: [Identifier<Order>] = []
            var filter = OrderFilter(limit: 3)
            while true {
                let page = try await shop.storage.orders.orders(matching: filter)
                listed += page.map(\.id)
                guard page.count == filter.limit, let last = page.last else { break }
                filter.cursor = try OrderCursor(token: OrderCursor(after: last).token)
            }
            // Every order placed at the same moment: newest first means id order among ties.
            #expect(listed == placed.map(\.id).sorted())
            let paid = try await shop.storage.orders.orders(matching: OrderFilter(status: .paid))
            #expect(paid.map(\.id) == [placed[3].id])
            let before = try await shop.storage.orders.orders(matching: OrderFilter(placedBefore: Fixtures.now))
            #expect(before.isEmpty)
        }
    }

    @Test(
        "the sweeper cancels stale unpaid orders, waits for processing ones, completes paid ones",
        arguments: Backend.available
    )
    func reservationSweeper(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Kettle", stock: 10)
            let abandoned = try await shop.placedOrder(of: product, quantity: 2)
            let settling = try await shop.placedOrder(of: product, quantity: 1)
            let unapplied = try await shop.placedOrder(of: product, quantity: 3)
            for (order, status) in [(settling, PaymentIntentStatus.processing), (unapplied, .succeeded)] {
                try await shop.storage.payments.save(
                    PaymentIntent(
                        id: "pi_\(order.id)",
                        orderID: order.id,
                        amount: order.totals.total,
                        status: status,
                        createdAt: Fixtures.now
                    )
                )
            }
            #expect(try await shop.stock(of: product) == Inventory(onHand: 10, reserved: 6))
            let early = ReservationSweeper(
                storage: shop.storage,
                gateway: CardNetworkStub(),
                timeout: .seconds(900),
                now: { Fixtures.now }
            )
            #expect(try await early.sweep() == 0)
            let later = ReservationSweeper(
                storage: shop.storage,
                gateway: CardNetworkStub(),
                timeout: .seconds(900),
                now: { Fixtures.now.addingTimeInterval(901) }
            )
            #expect(try await later.sweep() == 2)
            #expect(try await shop.storage.orders.order(id: abandoned.id)?.status == .canceled)
            #expect(try await shop.storage.orders.order(id: settling.id)?.status == .pendingPayment)
            #expect(try await shop.storage.orders.order(id: unapplied.id)?.status == .paid)
            #expect(try await shop.stock(of: product) == Inventory(onHand: 7, reserved: 1))
        }
    }

    @Test("users are found in bulk; notifications are added in bulk, once per event", arguments: Backend.available)
    func bulkReads(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let ada = try await shop.user()
            let bob = try await shop.user()
            let found = try await shop.storage.users.users(ids: [ada.id, bob.id, Identifier()])
            #expect(Set(found.map(\.id)) == [ada.id, bob.id])
            let order = try await shop.placedOrder(of: try await shop.product("Scarf"))
            let event = try #require(try await shop.storage.outbox.pendingEvents(limit: 1).first)
            let entry = NotificationTemplate.notification(for: event)
            #expect(try await shop.storage.notifications.insertOnce([entry, entry]) == 1)
            try await shop.storage.outbox.markAttempted([event.id])
            try await shop.storage.outbox.markAttempted([event.id])
            #expect(try await shop.storage.outbox.pendingEvents(limit: 1).first?.attempts == 2)
            #expect(try await shop.storage.notifications.notifications(of: order.userID, limit: 5).count == 1)
        }
    }

    @Test("a webhook event is recorded once, however often it arrives", arguments: Backend.available)
    func webhookEvents(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let payments = Fixtures(database).storage.payments
            #expect(try await !payments.isWebhookEventRecorded(id: "evt_1"))
            try await payments.recordWebhookEvent(id: "evt_1", type: "payment_intent.succeeded", at: Fixtures.now)
            try await payments.recordWebhookEvent(id: "evt_1", type: "payment_intent.succeeded", at: Fixtures.now)
            #expect(try await payments.isWebhookEventRecorded(id: "evt_1"))
            #expect(try await !payments.isWebhookEventRecorded(id: "evt_2"))
        }
    }

    @Test("a session is active until its family, or every family of the user, is revoked", arguments: Backend.available)
    func sessions(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let credentials = shop.storage.credentials
            let user = try await shop.user()
            let other = try await shop.user()
            let expiry = Fixtures.now.addingTimeInterval(3_600)
            let families = (0..<3).map { _ in Identifier<RefreshToken>() }
            for (index, family) in families.enumerated() {
                let owner = index == 2 ? other : user
                try await credentials.insert(
                    RefreshToken(tokenHash: "t\(index)", familyID: family, userID: owner.id, expiresAt: expiry)
                )
            }
            #expect(try await credentials.isFamilyActive(families[0]))
            #expect(try await !credentials.isFamilyActive(Identifier()), "an unknown session is not active")
            try await credentials.revokeFamily(families[0], at: Fixtures.now)
            #expect(try await !credentials.isFamilyActive(families[0]))
            #expect(try await credentials.isFamilyActive(families[1]))
            try await credentials.revokeFamilies(of: user.id, at: Fixtures.now)
            #expect(try await !credentials.isFamilyActive(families[1]))
            #expect(try await credentials.isFamilyActive(families[2]), "another user's session is untouched")
        }
    }
}
