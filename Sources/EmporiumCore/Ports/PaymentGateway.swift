/// A payment provider: the simulated gateway by default, Stripe in production.
public protocol PaymentGateway: Sendable {
    /// Creates and confirms a payment for an order's total with the customer's payment method.
    /// The idempotency key makes a retried call return the first result instead of charging twice.
    func createPayment(for order: Order, paymentMethod: String, idempotencyKey: String) async throws
        -> PaymentIntent
    /// Refunds part or all of a succeeded payment; returns the gateway's refund reference.
    func refund(paymentIntentID: String, amount: Money, idempotencyKey: String) async throws -> String
}
