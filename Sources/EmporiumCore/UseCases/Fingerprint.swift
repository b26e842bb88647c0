/// FNV-1a (64-bit) over fields separated by a unit separator: a compact, stable digest for telling two requests
/// apart. Not a security hash.
enum Fingerprint {
    static func of(_ fields: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            for byte in field.utf8 + [0x1f] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
