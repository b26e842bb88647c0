import CoreMetrics

/// A payment gateway whose calls are timed in `emporium_payment_gateway_duration_seconds`, by operation
/// (`create`, `refund`) and result (`ok`, `error`): the provider's latency and failures as the shop saw them,
/// injected faults included.
public struct InstrumentedPaymentGateway: PaymentGateway {
    /// The swift-metrics label, exposed as `emporium_payment_gateway_duration_seconds`.
    public static let durationLabel = "emporium.payment.gateway.duration"

    let gateway: any PaymentGateway
    private let timers = MetricHandles<CallKind, Timer> { kind in
        Timer(label: Self.durationLabel, dimensions: [("operation", kind.operation), ("result", kind.result)])
    }

    /// Wraps a gateway.
    public init(_ gateway: any PaymentGateway) {
        self.gateway = gateway
    }

    public func createPayment(for order: Order, paymentMethod: String, idempotencyKey: String) async throws
        -> PaymentIntent
    {
        try await timed("create") {
            try await gateway.createPayment(for: order, paymentMethod: paymentMethod, idempotencyKey: idempotencyKey)
        }
    }

    public func refund(paymentIntentID: String, amount: Money, idempotencyKey: String) async throws -> String {
        try await timed("refund") {
            try await gateway.refund(paymentIntentID: paymentIntentID, amount: amount, idempotencyKey: idempotencyKey)
        }
    }

    private func timed<Result>(_ operation: String, _ call: () async throws -> Result) async throws -> Result {
        let start = ContinuousClock.now
        var result = "error"
        defer {
            timers[CallKind(operation: operation, result: result)]
                .recordNanoseconds((ContinuousClock.now - start).wholeNanoseconds)
        }
        let value = try await call()
        result = "ok"
        return value
    }

    private struct CallKind: Hashable, Sendable {
        var operation: String
        var result: String
    }
}
