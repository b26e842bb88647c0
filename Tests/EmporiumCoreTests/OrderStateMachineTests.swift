import EmporiumCore
import Foundation
import Testing

@Suite("Order state machine")
struct OrderStateMachineTests {
    typealias Command = OrderStateMachine.Command

    static let total = Money(10_000, .usd)
    static let commands: [Command] = [
        .paymentSucceeded, .paymentFailed, .cancel, .ship, .deliver, .refund(Money(2_500, .usd)),
    ]

    /// Every legal transition: from, command, to, and the actions it asks for.
    static let legal: [(OrderStatus, Command, OrderStatus, [OrderStateMachine.Action])] = [
        (.pendingPayment, .paymentSucceeded, .paid, [.commitReservedStock, .publish(.paid)]),
        (.pendingPayment, .paymentFailed, .paymentFailed, [.releaseReservedStock, .publish(.paymentFailed)]),
        (.pendingPayment, .cancel, .canceled, [.releaseReservedStock, .publish(.canceled)]),
        (.paid, .cancel, .canceled, [.refundPayment(total), .restock, .publish(.canceled)]),
        (.paid, .ship, .shipped, [.publish(.shipped)]),
        (.shipped, .deliver, .delivered, [.publish(.delivered)]),
        (
            .delivered, .refund(Money(2_500, .usd)), .partiallyRefunded,
            [.refundPayment(Money(2_500, .usd)), .publish(.refunded)]
        ),
        (
            .partiallyRefunded, .refund(Money(2_500, .usd)), .partiallyRefunded,
            [.refundPayment(Money(2_500, .usd)), .publish(.refunded)]
        ),
    ]

    @Test("every legal transition moves the order and returns its actions", arguments: 0..<legal.count)
    func legalTransition(_ index: Int) throws {
        let (from, command, to, actions) = Self.legal[index]
        var machine = OrderStateMachine(status: from, captured: Self.total, refunded: .zero(.usd))
        #expect(try machine.handle(command) == actions)
        #expect(machine.status == to)
    }

    @Test(
        "every other status and command pair is an illegal transition that changes nothing",
        arguments: OrderStatus.allCases
    )
    func illegalTransitions(_ status: OrderStatus) {
        for command in Self.commands where !Self.legal.contains(where: { $0.0 == status && $0.1 == command }) {
            var machine = OrderStateMachine(status: status, captured: Self.total, refunded: .zero(.usd))
            #expect(throws: DomainError(.illegalTransition, "")) { try machine.handle(command) }
            #expect(machine.status == status, "\(status) + \(command.name)")
        }
    }

    @Test("terminal states accept no command")
    func terminalStates() {
        for status in OrderStatus.allCases where status.isTerminal {
            for command in Self.commands {
                var machine = OrderStateMachine(status: status, captured: Self.total, refunded: Self.total)
                #expect(throws: DomainError.self) { try machine.handle(command) }
            }
        }
    }

    @Test("refunds add up to the captured amount and never beyond it")
    func refundCeiling() throws {
        var machine = OrderStateMachine(status: .delivered, captured: Self.total, refunded: .zero(.usd))
        _ = try machine.handle(.refund(Money(6_000, .usd)))
        #expect(throws: DomainError(.refundExceedsCaptured, "")) { try machine.handle(.refund(Money(4_001, .usd))) }
        #expect(throws: DomainError(.invalidInput, "")) { try machine.handle(.refund(Money(0, .usd))) }
        _ = try machine.handle(.refund(Money(4_000, .usd)))
        #expect(machine.status == .refunded && machine.refunded == Self.total)
    }

    @Test("payment intents follow Stripe's states and never leave a terminal one")
    func paymentIntentStates() throws {
        var intent = PaymentIntent(
            id: "pi_1",
            orderID: Identifier(),
            amount: Self.total,
            status: .requiresPaymentMethod,
            createdAt: .init()
        )
        for next in [PaymentIntentStatus.requiresConfirmation, .requiresAction, .processing, .succeeded] {
            try intent.move(to: next, at: .init())
        }
        #expect(throws: DomainError(.illegalTransition, "")) { try intent.move(to: .canceled, at: .init()) }
        #expect(!PaymentIntentStatus.canceled.canMove(to: .processing))
        #expect(!PaymentIntentStatus.requiresPaymentMethod.canMove(to: .succeeded))
    }
}
