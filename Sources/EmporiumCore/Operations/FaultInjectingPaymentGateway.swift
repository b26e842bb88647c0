/// A payment gateway with the operator's payment faults applied: added latency and a share of attempts that
/// fail as if the provider were down.
public struct FaultInjectingPaymentGateway: PaymentGateway {
    let gateway: any PaymentGateway
    let faults: Faults

    /// Wraps a gateway.
    public init(_ gateway: any PaymentGateway, faults: Faults) {
        self.gateway = gateway
        self.faults = faults
    }

    public func createPayment(for order: Order, paymentMethod: String, idempotencyKey: String) async throws
        -> PaymentIntent
    {
        try await injectFaults()
        return try await gateway.createPayment(for: order, paymentMethod: paymentMethod, idempotencyKey: idempotencyKey)
    }

    public func refund(paymentIntentID: String, amount: Money, idempotencyKey: String) async throws -> String {
        try await injectFaults()
        return try await gateway.refund(
            paymentIntentID: paymentIntentID,
            amount: amount,
            idempotencyKey: idempotencyKey
        )
    }

    private func injectFaults() async throws {
        let settings = faults.settings
        try await faults.delay(settings.paymentLatency)
        if settings.paymentFailureRate > 0, Double.random(in: 0..<1) < settings.paymentFailureRate {
            throw PaymentGatewayError("injected fault: payment failure rate \(settings.paymentFailureRate)")
        }
    }
}
