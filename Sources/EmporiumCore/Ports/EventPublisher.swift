/// Publishes order events to other systems (analytics, a warehouse, search indexing) beside the shop's own
/// feed and mail. Delivery is at least once: a batch that fails is published again on the next pass, so
/// consumers deduplicate by ``OutboxEvent/id``.
public protocol EventPublisher: Sendable {
    /// Publishes the events in order; throws when they could not all be published.
    func publish(_ events: [OutboxEvent]) async throws
}
