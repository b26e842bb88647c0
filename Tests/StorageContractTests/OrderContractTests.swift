import EmporiumCore
import EmporiumTesting
import Foundation
import Synchronization
import Testing

@Suite("Contract: order life cycle, payments, outbox and notifications")
struct OrderContractTests {
    @Test("payment success sells reserved stock; failure releases it", arguments: Backend.available)
    func paymentOutcomes(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let product = try await shop.product("Vase", stock: 5)
            let service = OrderService(storage: shop.storage, gateway: CardNetworkStub(), now: { Fixtures.now })
            let paid = try await shop.placedOrder(of: product, quantity: 2)
            let failed = try await shop.placedOrder(of: product, quantity: 1)
            #expect(try await shop.stock(of: product) == Inventory(onHand: 5, reserved: 3))
            try await service.handle(.paymentSucceeded, orderID: paid.id)
            try await service.handle(.paymentFailed, orderID: failed.id)
            #expect(try await shop.stock(of: product) == Inventory(onHand: 3, reserved: 0))
            #expect(try await shop.storage.orders.order(id: failed.id)?.status == .paymentFailed)
            await expectDomainError(.illegalTransition) { try await service.handle(.ship, orderID: failed.id) }
        }
    }

    @Test("canceling a paid order refunds through the gateway and restocks", arguments: Backend.available)
    func cancelPaid(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let gateway = CardNetworkStub()
            let service = OrderService(storage: shop.storage, gateway: gateway, now: { Fixtures.now })
            let product = try await shop.product("Clock", stock: 2)
            let order = try await shop.placedOrder(of: product, quantity: 2)
            try await shop.storage.payments.save(succeededIntent(for: order))
            try await service.handle(.paymentSucceeded, orderID: order.id)
            #expect(try await shop.stock(of: product) == Inventory(onHand: 0, reserved: 0))
            let canceled = try await service.handle(.cancel, orderID: order.id, reason: "changed my mind")
            #expect(canceled.status == .canceled && canceled.refunded == order.totals.total)
            #expect(try await shop.stock(of: product) == Inventory(onHand: 2, reserved: 0))
            #expect(gateway.refunds == [order.totals.total])
            let refunds = try await shop.storage.orders.refunds(of: order.id)
            #expect(refunds.map(\.amount) == [order.totals.total] && refunds.first?.reason == "changed my mind")
            let kinds = try await shop.storage.outbox.pendingEvents(limit: 10).map(\.kind)
            #expect(kinds == [.placed, .paid, .canceled])
        }
    }

    @Test("partial refunds after delivery, never more than was captured", arguments: Backend.available)
    func refunds(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let service = OrderService(storage: shop.storage, gateway: CardNetworkStub(), now: { Fixtures.now })
            let order = try await shop.placedOrder(of: try await shop.product("Rug", price: 20_000))
            try await shop.storage.payments.save(succeededIntent(for: order))
            for command in [OrderStateMachine.Command.paymentSucceeded, .ship, .deliver] {
                try await service.handle(command, orderID: order.id)
            }
            let total = order.totals.total
            let partial = try await service.handle(.refund(Money(5_000, .usd)), orderID: order.id)
            #expect(partial.status == .partiallyRefunded)
            let error = await expectDomainError(.refundExceedsCaptured) {
                try await service.handle(.refund(total), orderID: order.id)
            }
            #expect(error?.details["remaining"] == .integer(total.amount - 5_000))
            let rest = try await service.handle(.refund(Money(total.amount - 5_000, .usd)), orderID: order.id)
            #expect(rest.status == .refunded)
            #expect(try await shop.storage.orders.refunds(of: order.id).count == 2)
        }
    }

    @Test("a transition from a status the order no longer has is refused", arguments: Backend.available)
    func staleTransition(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let order = try await shop.placedOrder(of: try await shop.product("Pen"))
            var canceled = order
            canceled.status = .canceled
            let transition = OrderTransition(
                order: canceled,
                expectedStatus: .paid,
                actions: [.releaseReservedStock],
                refund: nil,
                events: []
            )
            await expectDomainError(.illegalTransition) { try await shop.storage.orders.apply(transition) }
            #expect(try await shop.storage.orders.order(id: order.id)?.status == .pendingPayment)
        }
    }

    @Test(
        "the outbox backlog drains as events are delivered; notifications are made once",
        arguments: Backend.available
    )
    func outboxAndNotifications(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let order = try await shop.placedOrder(of: try await shop.product("Hat"))
            let backlog = try await shop.storage.outbox.backlog()
            #expect(backlog.pending == 1 && backlog.oldestOccurredAt == Fixtures.now)
            let event = try #require(try await shop.storage.outbox.pendingEvents(limit: 10).first)
            let notification = Notification(
                userID: order.userID,
                eventID: event.id,
                kind: event.kind,
                title: "Order placed",
                body: "Thank you.",
                orderID: order.id,
                createdAt: Fixtures.now
            )
            #expect(try await shop.storage.notifications.insertOnce([notification]) == 1)
            var duplicate = notification
            duplicate.id = Identifier()
            #expect(try await shop.storage.notifications.insertOnce([duplicate]) == 0, "the same event again")
            try await shop.storage.outbox.markDelivered([event.id], at: Fixtures.now)
            #expect(try await shop.storage.outbox.backlog() == OutboxBacklog(pending: 0, oldestOccurredAt: nil))
            #expect(
                try await shop.storage.notifications.notifications(of: order.userID, limit: 10).map(\.id) == [
                    notification.id
                ]
            )
        }
    }

    @Test("payment intents are saved and found by order", arguments: Backend.available)
    func paymentIntents(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let shop = Fixtures(database)
            let order = try await shop.placedOrder(of: try await shop.product("Cup"))
            var intent = PaymentIntent(
                id: "pi_1",
                orderID: order.id,
                amount: order.totals.total,
                status: .requiresConfirmation,
                createdAt: Fixtures.now
            )
            try await shop.storage.payments.save(intent)
            try intent.move(to: .processing, at: Fixtures.now)
            try await shop.storage.payments.save(intent)
            #expect(try await shop.storage.payments.paymentIntent(orderID: order.id) == intent)
            #expect(try await shop.storage.payments.paymentIntent(id: "pi_1")?.status == .processing)
        }
    }

    private func succeededIntent(for order: Order) -> PaymentIntent {
        PaymentIntent(
            id: "pi_\(order.id)",
            orderID: order.id,
            amount: order.totals.total,
            status: .succeeded,
            createdAt: Fixtures.now
        )
    }
}

/// Stands in for the card network, which tests cannot reach: records refunds and accepts them.
final class CardNetworkStub: PaymentGateway {
    private let recorded = Mutex<[Money]>([])

    var refunds: [Money] { recorded.withLock { $0 } }

    func createPayment(for order: Order, paymentMethod: String, idempotencyKey: String) async throws -> PaymentIntent {
        PaymentIntent(
            id: "pi_\(order.id)",
            orderID: order.id,
            amount: order.totals.total,
            status: .succeeded,
            createdAt: order.createdAt
        )
    }

    func refund(paymentIntentID: String, amount: Money, idempotencyKey: String) async throws -> String {
        recorded.withLock { $0.append(amount) }
        return "re_\(idempotencyKey)"
    }
}
