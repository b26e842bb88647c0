/// The W3C `tracestate` header: up to 32 vendor `key=value` members, kept in order.
///
/// A header that breaks the grammar (bad key or value, a duplicate key, more than 32 members) is discarded
/// whole, as the specification asks of a vendor that cannot parse it.
public struct TraceState: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: String
    }

    public private(set) var members: [Member]

    public static let empty = TraceState(members: [])

    init(members: [Member]) {
        self.members = members
    }

    /// Parses a header value (several `tracestate` headers are joined with `,` first); `nil` when invalid.
    public init?(header: String) {
        var members: [Member] = []
        var keys = Set<String>()
        for rawMember in header.split(separator: ",", omittingEmptySubsequences: false) {
            let member = rawMember.trimmingSpaces()
            if member.isEmpty { continue }
            guard let equals = member.firstIndex(of: "=") else { return nil }
            let key = String(member[..<equals])
            let value = String(member[member.index(after: equals)...])
            guard Self.isValidKey(key), Self.isValidValue(value), keys.insert(key).inserted else { return nil }
            members.append(Member(key: key, value: value))
        }
        guard members.count <= 32 else { return nil }
        self.members = members
    }

    public var isEmpty: Bool { members.isEmpty }

    /// The header value to propagate; members in the order received.
    public var headerValue: String {
        members.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// `simple-key` or `tenant-id@system-id`, per the W3C grammar.
    static func isValidKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            let tenant = bytes[..<at]
            let system = bytes[(at + 1)...]
            guard let tenantFirst = tenant.first, let systemFirst = system.first else { return false }
            return tenant.count <= 241 && system.count <= 14
                && (isLowercaseLetter(tenantFirst) || isDigit(tenantFirst)) && isLowercaseLetter(systemFirst)
                && tenant.dropFirst().allSatisfy(isKeyCharacter) && system.dropFirst().allSatisfy(isKeyCharacter)
        }
        guard let first = bytes.first, bytes.count <= 256, isLowercaseLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy(isKeyCharacter)
    }

    /// Printable ASCII without `,` and `=`, at most 256 characters, not ending in a space.
    static func isValidValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let last = bytes.last, bytes.count <= 256, last != UInt8(ascii: " ") else { return false }
        return bytes.allSatisfy { byte in
            byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "=")
        }
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isKeyCharacter(_ byte: UInt8) -> Bool {
        isLowercaseLetter(byte) || isDigit(byte)
            || [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/")].contains(byte)
    }
}
