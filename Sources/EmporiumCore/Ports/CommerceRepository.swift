public import FoundationEssentials

/// Stores carts.
public protocol CartRepository: Sendable {
    /// The owner's cart, empty when there is none.
    func cart(of owner: CartOwner) async throws -> Cart
    /// Replaces the owner's cart.
    func save(_ cart: Cart) async throws
    func deleteCart(of owner: CartOwner) async throws
    /// Whether the carts live in the orders' database, so that the checkout transaction empties the cart it
    /// turned into an order (``OrderPlacement/emptiedCart``): an order and the full cart it came from never
    /// both exist. Otherwise checkout empties the cart after placing the order.
    var isEmptiedByCheckoutTransaction: Bool { get }
}

/// Stores promo codes.
public protocol PromoCodeRepository: Sendable {
    /// Adds a code. - Throws: ``DomainError/Code/conflict`` when it exists.
    func insert(_ promoCode: PromoCode) async throws
    /// Looks a code up case-insensitively.
    func promoCode(_ code: String) async throws -> PromoCode?
}

/// Stores orders and carries out checkout and order transitions, each in one transaction.
public protocol OrderRepository: Sendable {
    /// The checkout transaction: claims the idempotency key, inserts the order and its lines, writes the outbox
    /// event, empties ``OrderPlacement/emptiedCart``, reserves stock for every line (never below zero, locking
    /// products in id order) and counts the promo code's use.
    /// - Returns: ``PlacementResult/keyAlreadyClaimed``, writing nothing, when another request holds the key.
    /// - Throws: ``DomainError/Code/outOfStock`` naming every short line (nothing is written).
    func place(_ placement: OrderPlacement) async throws -> PlacementResult
    /// The order an idempotency key produced, with the fingerprint of the request that used it first.
    func idempotencyRecord(_ scope: IdempotencyScope) async throws -> IdempotencyRecord?
    func order(id: Identifier<Order>) async throws -> Order?
    /// A user's orders, newest first.
    func orders(of userID: Identifier<User>, limit: Int) async throws -> [Order]
    /// Every user's orders that match a filter, newest first: the admin overview and the reservation sweeper.
    func orders(matching filter: OrderFilter) async throws -> [Order]
    /// Writes a transition with its stock moves, refund and events.
    /// - Throws: ``DomainError/Code/illegalTransition`` when the order no longer has the expected status.
    func apply(_ transition: OrderTransition) async throws
    /// An order's refunds, oldest first.
    func refunds(of orderID: Identifier<Order>) async throws -> [Refund]
}

/// Stores payment intents.
public protocol PaymentRepository: Sendable {
    /// Inserts or replaces the intent with this id.
    func save(_ intent: PaymentIntent) async throws
    func paymentIntent(id: String) async throws -> PaymentIntent?
    /// The latest intent for an order.
    func paymentIntent(orderID: Identifier<Order>) async throws -> PaymentIntent?
    /// Whether a webhook event with this id was handled.
    func isWebhookEventRecorded(id: String) async throws -> Bool
    /// Remembers a handled webhook event; recording one twice is not an error.
    func recordWebhookEvent(id: String, type: String, at: Date) async throws
}

/// The outbox and the in-app feed it feeds.
public protocol OutboxRepository: Sendable {
    /// The oldest undelivered events.
    func pendingEvents(limit: Int) async throws -> [OutboxEvent]
    func markDelivered(_ ids: [Identifier<OutboxEvent>], at: Date) async throws
    /// Counts an unsuccessful delivery attempt of each event.
    func markAttempted(_ ids: [Identifier<OutboxEvent>]) async throws
    func backlog() async throws -> OutboxBacklog
}

/// Stores users' in-app notifications.
public protocol NotificationRepository: Sendable {
    /// Adds the notifications whose events have none yet, in one statement; returns how many it added.
    func insertOnce(_ notifications: [Notification]) async throws -> Int
    /// A user's feed, newest first.
    func notifications(of userID: Identifier<User>, limit: Int) async throws -> [Notification]
}
