/// A 16-byte W3C trace id. All zeros is invalid.
public struct TraceID: Sendable, Hashable, CustomStringConvertible {
    /// The first (most significant) eight bytes.
    public let high: UInt64
    /// The last eight bytes; trace-id ratio sampling reads these.
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses 32 lowercase hex digits; `nil` for anything else or for the all-zero id.
    public init?(hex: some StringProtocol) {
        let bytes = Array(hex.utf8)
        guard bytes.count == 32,
            let high = Hex.parseUInt64(bytes[0..<16]),
            let low = Hex.parseUInt64(bytes[16..<32]),
            high != 0 || low != 0
        else { return nil }
        self.init(high: high, low: low)
    }

    /// 32 lowercase hex digits.
    public var hexString: String { Hex.string(high, low) }
    public var description: String { hexString }
}

/// An 8-byte W3C span (parent) id. Zero is invalid.
public struct SpanID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Parses 16 lowercase hex digits; `nil` for anything else or for zero.
    public init?(hex: some StringProtocol) {
        guard let value = Hex.parseUInt64(Array(hex.utf8)), value != 0 else { return nil }
        self.rawValue = value
    }

    /// 16 lowercase hex digits.
    public var hexString: String { Hex.string(rawValue) }
    public var description: String { hexString }
}

/// The W3C trace flags byte; bit 0 is "sampled".
public struct TraceFlags: Sendable, Hashable {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let sampled = TraceFlags(rawValue: 0x01)
    public static let none = TraceFlags(rawValue: 0x00)

    public var isSampled: Bool { rawValue & 0x01 != 0 }
}
