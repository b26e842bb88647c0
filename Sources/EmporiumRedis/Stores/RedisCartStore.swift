public import EmporiumCore
import FoundationEssentials

/// Carts in Redis: a hash per cart (`emporium:cart:user:ID` or `emporium:cart:guest:TOKEN`) whose fields are
/// `line:PRODUCT` → `POSITION QUANTITY` (the position keeps the lines in the order they were first added) and
/// `updated_at` → milliseconds since 1970. Every read and write sets the time to live again, so a cart in use
/// never expires and an abandoned one goes after ``timeToLive``. A save replaces the hash in one `MULTI`.
///
/// Carts then live apart from orders, so checkout empties the cart after placing the order
/// (``isEmptiedByCheckoutTransaction`` is false). When Redis cannot be reached every call throws
/// ``DomainError/Code/cartUnavailable`` (503 `cart_unavailable`): nothing is changed, and the shop keeps serving
/// everything else.
public struct RedisCartStore: CartRepository {
    static let collection = "cart"

    public let redis: RedisClient
    public let timeToLive: Duration

    public init(redis: RedisClient, timeToLive: Duration = .seconds(7 * 24 * 3_600)) {
        self.redis = redis
        self.timeToLive = timeToLive
    }

    public var isEmptiedByCheckoutTransaction: Bool { false }

    public func cart(of owner: CartOwner) async throws -> Cart {
        let key = Self.key(owner)
        let replies = try await available {
            try await redis.pipeline([
                RedisCommand("HGETALL", key, collection: Self.collection),
                RedisCommand("PEXPIRE", key, milliseconds, collection: Self.collection),
            ])
        }
        guard case .array(let fields) = replies[0] else { throw Self.unreadable }
        return try Self.cart(of: owner, fields: fields)
    }

    public func save(_ cart: Cart) async throws {
        let key = Self.key(cart.owner)
        guard !cart.isEmpty else { return try await deleteCart(of: cart.owner) }
        var fields: [any RedisArgument] = ["updated_at", Int((cart.updatedAt.timeIntervalSince1970 * 1_000).rounded())]
        for (position, line) in cart.lines.enumerated() {
            fields += ["line:\(line.productID)", "\(position) \(line.quantity)"]
        }
        let replies = try await available {
            try await redis.pipeline([
                RedisCommand("MULTI", collection: Self.collection),
                RedisCommand("DEL", key, collection: Self.collection),
                RedisCommand("HSET", arguments: [key] + fields, collection: Self.collection),
                RedisCommand("PEXPIRE", key, milliseconds, collection: Self.collection),
                RedisCommand("EXEC", collection: Self.collection),
            ])
        }
        if case .error = replies.last { throw Self.unavailable }
    }

    public func deleteCart(of owner: CartOwner) async throws {
        try await available { try await redis.send(RedisCommand("DEL", Self.key(owner), collection: Self.collection)) }
    }

    private var milliseconds: Int { max(Int(timeToLive / .milliseconds(1)), 1) }

    /// Runs a Redis call, turning a Redis failure into ``DomainError/Code/cartUnavailable``.
    private func available<Result>(_ call: () async throws -> Result) async throws -> Result {
        do {
            return try await call()
        } catch is RedisError {
            throw Self.unavailable
        }
    }

    static func key(_ owner: CartOwner) -> String {
        switch owner {
        case .user(let id): "emporium:cart:user:\(id)"
        case .guest(let token): "emporium:cart:guest:\(token)"
        }
    }

    static func cart(of owner: CartOwner, fields: [RedisReply]) throws -> Cart {
        var updatedAt = Date(timeIntervalSince1970: 0)
        var positioned: [(position: Int, line: CartLine)] = []
        for index in stride(from: 0, to: fields.count - 1, by: 2) {
            guard let name = fields[index].string, let value = fields[index + 1].string else { continue }
            if name == "updated_at", let milliseconds = Double(value) {
                updatedAt = Date(timeIntervalSince1970: milliseconds / 1_000)
            } else if name.hasPrefix("line:"), let productID = Identifier<Product>(String(name.dropFirst(5))) {
                let numbers = value.split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 2 else { throw unreadable }
                positioned.append((numbers[0], CartLine(productID: productID, quantity: numbers[1])))
            }
        }
        let lines = positioned.sorted { $0.position < $1.position }.map(\.line)
        return Cart(owner: owner, lines: lines, updatedAt: updatedAt)
    }

    private static let unavailable = DomainError(
        .cartUnavailable,
        "Carts are unavailable for a moment; nothing was changed. Try again shortly."
    )
    /// A hash that is not a cart (written by something else under the cart's key).
    private static let unreadable = DomainError(.cartUnavailable, "The stored cart could not be read.")
}
