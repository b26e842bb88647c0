/// Lowercase hexadecimal encoding, as W3C trace context and OTLP/JSON spell identifiers.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func append(_ value: UInt64, to output: inout [UInt8]) {
        var shift = 60
        while shift >= 0 {
            output.append(digits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }

    static func string(_ values: UInt64...) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 16)
        for value in values { append(value, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses exactly 16 lowercase hex digits; uppercase is not accepted (W3C requires lowercase).
    static func parseUInt64<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard let nibble = nibble(byte) else { return nil }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
