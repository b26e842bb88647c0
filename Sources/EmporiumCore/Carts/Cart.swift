public import FoundationEssentials

/// Whose cart it is: a signed-in user's, or a guest's identified by an opaque token.
public enum CartOwner: Sendable, Hashable {
    case user(Identifier<User>)
    case guest(String)
}

/// A shopping cart: quantities per product. Prices are read at checkout, never stored here.
public struct Cart: Sendable, Hashable {
    /// The most units of one product a cart holds.
    public static let maxQuantity = 99

    public var owner: CartOwner
    /// Lines in the order products were first added.
    public private(set) var lines: [CartLine]
    public var updatedAt: Date

    /// Creates a cart.
    public init(owner: CartOwner, lines: [CartLine] = [], updatedAt: Date) {
        self.owner = owner
        self.lines = lines
        self.updatedAt = updatedAt
    }

    /// Adds units of a product to its line, creating the line when needed.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `quantity` when the result leaves 1...``maxQuantity``.
    public mutating func add(_ productID: Identifier<Product>, quantity: Int) throws(DomainError) {
        let current = lines.first { $0.productID == productID }?.quantity ?? 0
        try setQuantity(of: productID, to: current + quantity)
    }

    /// Sets a line's quantity; zero removes the line.
    public mutating func setQuantity(of productID: Identifier<Product>, to quantity: Int) throws(DomainError) {
        guard (0...Self.maxQuantity).contains(quantity) else {
            throw .invalid("quantity", "a whole number from 1 to \(Self.maxQuantity) in the cart, got \(quantity)")
        }
        if let index = lines.firstIndex(where: { $0.productID == productID }) {
            if quantity == 0 { lines.remove(at: index) } else { lines[index].quantity = quantity }
        } else if quantity > 0 {
            lines.append(CartLine(productID: productID, quantity: quantity))
        }
    }

    /// Moves a guest cart's lines into this cart at login; quantities add up, capped at ``maxQuantity``.
    public mutating func merge(_ guestCart: Cart) {
        for line in guestCart.lines {
            let current = lines.first { $0.productID == line.productID }?.quantity ?? 0
            try? setQuantity(of: line.productID, to: min(current + line.quantity, Self.maxQuantity))
        }
    }

    public var isEmpty: Bool { lines.isEmpty }
}

/// A product and how many of it are in a cart.
public struct CartLine: Sendable, Hashable, Codable {
    public var productID: Identifier<Product>
    public var quantity: Int

    /// Creates a line.
    public init(productID: Identifier<Product>, quantity: Int) {
        self.productID = productID
        self.quantity = quantity
    }
}
