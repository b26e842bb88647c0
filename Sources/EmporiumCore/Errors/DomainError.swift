/// An error of the shop's domain: an opaque ``Code`` that callers switch on, a message for people, and details
/// that name what was wrong (a field, a product, what is available).
///
/// Two errors are equal when their codes are equal, so tests and HTTP mapping compare codes, not messages.
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. New codes are added as static constants; the raw value is the wire code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The stable snake_case code sent to clients, for example `out_of_stock`.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// A value failed validation; ``DomainError/details`` names the field.
        public static let invalidInput = Code("invalid_input")
        /// The entity does not exist, or the caller may not see it.
        public static let notFound = Code("not_found")
        /// A unique value (an email, a sku, a review per user and product) is taken.
        public static let conflict = Code("conflict")
        /// One or more lines ask for more than is available; details name the lines.
        public static let outOfStock = Code("out_of_stock")
        /// The order (or payment) cannot make this transition from its current state.
        public static let illegalTransition = Code("illegal_transition")
        /// A refund asks for more than remains of the captured amount.
        public static let refundExceedsCaptured = Code("refund_exceeds_captured")
        /// The cart is empty, so there is nothing to check out.
        public static let emptyCart = Code("empty_cart")
        /// The promo code is unknown, expired, used up, or the order is below its minimum.
        public static let promoCodeRejected = Code("promo_code_rejected")
        /// The idempotency key was used before with a different request.
        public static let idempotencyKeyReused = Code("idempotency_key_reused")
        /// A request with this idempotency key is still being processed.
        public static let idempotencyKeyInProgress = Code("idempotency_key_in_progress")
        /// Amounts in two different currencies were combined.
        public static let currencyMismatch = Code("currency_mismatch")
        /// Only a customer who bought the product, or the product's rules, allow this action.
        public static let forbidden = Code("forbidden")
        /// The email and password do not match an account (never says which of the two was wrong).
        public static let invalidCredentials = Code("invalid_credentials")
        /// A refresh, reset or access token is unknown, expired, used or revoked.
        public static let invalidToken = Code("invalid_token")
        /// Too many failed sign-ins for the account or from the client address; details say when to retry.
        public static let tooManyAttempts = Code("too_many_attempts")
        /// The payment provider could not be reached or failed; the order stays pending and can be retried.
        public static let paymentGatewayUnavailable = Code("payment_gateway_unavailable")
        /// The cart store (Redis) cannot be reached; nothing changed, and the request can be retried shortly.
        public static let cartUnavailable = Code("cart_unavailable")
        /// A webhook's signature is missing, malformed, too old or does not match.
        public static let invalidSignature = Code("invalid_signature")
    }

    /// The kind of failure.
    public var code: Code
    /// A sentence for a person, without internal detail.
    public var message: String
    /// Machine-readable context: the field that failed, the lines that are short.
    public var details: [String: DetailValue]

    /// Creates an error.
    public init(_ code: Code, _ message: String, details: [String: DetailValue] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: DomainError, rhs: DomainError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A validation failure that names the field and what was expected.
    public static func invalid(_ field: String, _ expectation: String) -> DomainError {
        DomainError(.invalidInput, "\(field): \(expectation)", details: ["field": .string(field)])
    }

    /// A missing entity, named by kind and identifier.
    public static func notFound(_ entity: String, _ id: String) -> DomainError {
        DomainError(.notFound, "\(entity) \(id) was not found", details: [entity.lowercased() + "_id": .string(id)])
    }
}

/// A JSON-like value for ``DomainError/details``, kept free of Foundation.
public indirect enum DetailValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case list([DetailValue])
    case object([String: DetailValue])
}
