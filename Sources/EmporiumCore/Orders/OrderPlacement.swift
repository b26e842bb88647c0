/// Who used an idempotency key where: keys are scoped to the user and the endpoint.
public struct IdempotencyScope: Sendable, Hashable {
    /// The longest key accepted (IETF Idempotency-Key draft, Stripe).
    public static let maxKeyLength = 255

    public var userID: Identifier<User>
    /// The operation, for example `POST /orders`.
    public var endpoint: String
    public var key: String

    /// Creates a scope.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `Idempotency-Key` when it is empty or too long.
    public init(userID: Identifier<User>, endpoint: String, key: String) throws(DomainError) {
        guard !key.isEmpty, key.utf8.count <= Self.maxKeyLength else {
            throw .invalid("Idempotency-Key", "1 to \(Self.maxKeyLength) characters")
        }
        self.userID = userID
        self.endpoint = endpoint
        self.key = key
    }
}

/// Everything the checkout transaction writes: the order, the key that guards it, and its event.
public struct OrderPlacement: Sendable, Hashable {
    public var order: Order
    public var idempotency: IdempotencyScope
    /// A digest of the request; the same key with another fingerprint is rejected.
    public var requestFingerprint: String
    public var event: OutboxEvent
    /// The cart the order was made from, emptied in the same transaction; nil when the carts live elsewhere
    /// (``CartRepository/isEmptiedByCheckoutTransaction``).
    public var emptiedCart: CartOwner?

    /// Creates a placement.
    public init(
        order: Order,
        idempotency: IdempotencyScope,
        requestFingerprint: String,
        event: OutboxEvent,
        emptiedCart: CartOwner? = nil
    ) {
        self.order = order
        self.idempotency = idempotency
        self.requestFingerprint = requestFingerprint
        self.event = event
        self.emptiedCart = emptiedCart
    }
}

/// What an idempotency key is bound to: the request that first used it and the order it made.
public struct IdempotencyRecord: Sendable, Hashable {
    public var requestFingerprint: String
    public var orderID: Identifier<Order>

    /// Creates a record.
    public init(requestFingerprint: String, orderID: Identifier<Order>) {
        self.requestFingerprint = requestFingerprint
        self.orderID = orderID
    }
}

/// What the checkout transaction did with a placement.
public enum PlacementResult: Sendable, Hashable {
    /// The order, its lines and its event were written and its stock reserved.
    case placed
    /// Nothing was written: a request before this one (a retry, or one running at the same time, which has since
    /// committed) holds the idempotency key. Its record says which order it made.
    case keyAlreadyClaimed
}

/// What a checkout did for the caller.
public enum PlacementOutcome: Sendable, Hashable {
    /// A new order was placed.
    case placed(Order)
    /// The key was used before with the same request: the original order, unchanged.
    case replayed(Order)

    /// The order either way.
    public var order: Order {
        switch self {
        case .placed(let order), .replayed(let order): order
        }
    }
}

/// A line that could not be reserved, as reported in an `out_of_stock` error.
public struct StockShortage: Sendable, Hashable {
    public var productID: Identifier<Product>
    public var sku: String
    public var requested: Int
    public var available: Int

    /// Creates a shortage.
    public init(productID: Identifier<Product>, sku: String, requested: Int, available: Int) {
        self.productID = productID
        self.sku = sku
        self.requested = requested
        self.available = available
    }
}

extension DomainError {
    /// The error for an idempotency key that comes back with a different request.
    public static func idempotencyKeyReused(_ scope: IdempotencyScope) -> DomainError {
        DomainError(
            .idempotencyKeyReused,
            "Idempotency-Key \(scope.key) was already used with a different request",
            details: ["field": .string("Idempotency-Key")]
        )
    }

    /// The error for a checkout with short lines, naming each with what is available.
    public static func outOfStock(_ shortages: [StockShortage]) -> DomainError {
        let lines = shortages.map { shortage -> DetailValue in
            .object([
                "product_id": .string(shortage.productID.description), "sku": .string(shortage.sku),
                "requested": .integer(Int64(shortage.requested)), "available": .integer(Int64(shortage.available)),
            ])
        }
        let names = shortages.map { "\($0.sku) (\($0.available) available, \($0.requested) requested)" }
        return DomainError(
            .outOfStock,
            "not enough stock for \(names.joined(separator: ", "))",
            details: ["lines": .list(lines)]
        )
    }
}

/// A change to an order decided by ``OrderStateMachine``, written in one transaction with its consequences.
public struct OrderTransition: Sendable, Hashable {
    /// The order after the change.
    public var order: Order
    /// The status the order must still have, so two concurrent changes cannot both win.
    public var expectedStatus: OrderStatus
    /// What the state machine asked for (stock moves; refunds and events are below).
    public var actions: [OrderStateMachine.Action]
    /// The refund to record, already accepted by the gateway.
    public var refund: Refund?
    public var events: [OutboxEvent]

    /// Creates a transition.
    public init(
        order: Order,
        expectedStatus: OrderStatus,
        actions: [OrderStateMachine.Action],
        refund: Refund?,
        events: [OutboxEvent]
    ) {
        self.order = order
        self.expectedStatus = expectedStatus
        self.actions = actions
        self.refund = refund
        self.events = events
    }
}
