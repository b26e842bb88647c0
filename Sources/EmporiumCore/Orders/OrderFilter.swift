public import FoundationEssentials

/// Which orders an overview lists, newest first, a page at a time.
public struct OrderFilter: Sendable, Hashable {
    /// The most orders a page may hold; larger limits are clamped to it.
    public static let maxLimit = 100

    /// Only orders in this state.
    public var status: OrderStatus?
    /// Only orders placed before this moment.
    public var placedBefore: Date?
    /// Where the previous page stopped.
    public var cursor: OrderCursor?
    /// Page size, clamped to 1...``maxLimit``.
    public private(set) var limit: Int

    /// Creates a filter.
    public init(status: OrderStatus? = nil, placedBefore: Date? = nil, cursor: OrderCursor? = nil, limit: Int = 20) {
        self.status = status
        self.placedBefore = placedBefore
        self.cursor = cursor
        self.limit = min(max(limit, 1), Self.maxLimit)
    }
}

/// The position after the last order of a page: its placement time and id, as an opaque token.
public struct OrderCursor: Sendable, Hashable {
    public var placedAt: Date
    public var orderID: Identifier<Order>

    /// The cursor after an order.
    public init(after order: Order) {
        self.placedAt = order.createdAt
        self.orderID = order.id
    }

    /// The token: microseconds since 1970 (the finest time either database keeps), `~`, the order id.
    public var token: String {
        "\(Int64((placedAt.timeIntervalSince1970 * 1_000_000).rounded()))~\(orderID)"
    }

    /// Parses a token made by ``token``.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `cursor`.
    public init(token: String) throws(DomainError) {
        let parts = token.split(separator: "~")
        guard parts.count == 2, let microseconds = Int64(parts[0]), let id = Identifier<Order>(String(parts[1])) else {
            throw .invalid("cursor", "a next_cursor value from a previous page")
        }
        self.placedAt = Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
        self.orderID = id
    }
}
