import Crypto
public import EmporiumCore
public import Foundation

/// Stripe's webhook signature scheme: `Stripe-Signature: t=TIMESTAMP,v1=HEX[,v1=HEX]`, where each `v1` is
/// HMAC-SHA256 with the endpoint's secret over `"{t}.{raw body}"`.
///
/// ```swift
/// let signature = StripeWebhookSignature(secret: "whsec_…")
/// try signature.verify(payload: body, signatureHeader: request.headers["Stripe-Signature"], at: Date())
/// ```
public struct StripeWebhookSignature: Sendable {
    /// How old a signature may be; older ones are refused as possible replays.
    public static let tolerance: TimeInterval = 300

    private let key: SymmetricKey

    /// Creates the scheme for an endpoint secret.
    public init(secret: String) {
        self.key = SymmetricKey(data: Array(secret.utf8))
    }

    /// The header value that signs `payload` at `time`.
    public func header(for payload: [UInt8], at time: Date) -> String {
        let timestamp = Int64(time.timeIntervalSince1970)
        let code = HMAC<SHA256>.authenticationCode(for: signedContent(timestamp, payload), using: key)
        return "t=\(timestamp),v1=\(code.map { Self.hexByte($0) }.joined())"
    }

    /// Checks a signature header against the raw body.
    /// - Throws: ``DomainError/Code/invalidSignature`` when the header is missing, malformed, too old, or no
    ///   signature in it matches.
    public func verify(payload: [UInt8], signatureHeader: String?, at now: Date) throws(DomainError) {
        guard let signatureHeader, !signatureHeader.isEmpty else {
            throw Self.invalid("the Stripe-Signature header is missing")
        }
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for item in signatureHeader.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map { String($0.trimmingCharacters(in: .whitespaces)) }
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "t": timestamp = Int64(pair[1])
            case "v1": if let bytes = Self.bytes(hex: pair[1]) { signatures.append(bytes) }
            default: continue
            }
        }
        guard let timestamp, !signatures.isEmpty else {
            throw Self.invalid("the Stripe-Signature header needs t=TIMESTAMP and at least one v1=SIGNATURE")
        }
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= Self.tolerance else {
            throw Self.invalid("the signature's timestamp is more than \(Int(Self.tolerance)) seconds from now")
        }
        let content = signedContent(timestamp, payload)
        let matches = signatures.contains {
            HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: content, using: key)
        }
        guard matches else { throw Self.invalid("no v1 signature matches the payload") }
    }

    private func signedContent(_ timestamp: Int64, _ payload: [UInt8]) -> [UInt8] {
        Array("\(timestamp).".utf8) + payload
    }

    private static func invalid(_ message: String) -> DomainError {
        DomainError(.invalidSignature, message, details: ["field": .string("Stripe-Signature")])
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return byte < 16 ? "0" + digits : digits
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
