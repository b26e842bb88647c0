public import EmporiumCore
import Hummingbird

extension DomainError {
    /// The answer to a domain error: its code and details with the status that fits it.
    public var apiError: APIError {
        var headers: HTTPFields = [:]
        if case .integer(let seconds) = details["retry_after_seconds"] {
            headers[.retryAfter] = "\(seconds)"
        }
        if code == .invalidCredentials || code == .invalidToken {
            headers[.wwwAuthenticate] = #"Bearer realm="emporium""#
        }
        return APIError(status: status, code: code.rawValue, message: message, details: details, headers: headers)
    }

    private var status: HTTPResponse.Status {
        switch code {
        case .invalidInput, .invalidSignature: .badRequest
        case .invalidCredentials, .invalidToken: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict, .outOfStock, .illegalTransition, .idempotencyKeyInProgress: .conflict
        case .emptyCart, .promoCodeRejected, .idempotencyKeyReused, .refundExceedsCaptured, .currencyMismatch:
            .unprocessableContent
        case .tooManyAttempts: .tooManyRequests
        case .paymentGatewayUnavailable: .badGateway
        case .cartUnavailable: .serviceUnavailable
        default: .badRequest
        }
    }
}

extension DecodingError {
    /// The field a decoding failure is about (`shipping_address.city`, `items[2].quantity`) and what was expected.
    var domainError: DomainError {
        switch self {
        case .keyNotFound(let key, let context):
            return .invalid(Self.path(context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context):
            return .invalid(Self.path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            return .invalid(Self.path(context.codingPath), "expected \(Self.describe(type))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .invalid("body", "a JSON object (\(context.debugDescription))")
        case .dataCorrupted(let context):
            return .invalid(Self.path(context.codingPath), "is not valid: \(context.debugDescription)")
        @unknown default:
            return .invalid("body", "a JSON object")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var path = ""
        for key in keys {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "body" : path
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
