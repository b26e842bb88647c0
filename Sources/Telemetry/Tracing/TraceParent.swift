/// The W3C `traceparent` header: `version-traceid-parentid-flags`.
///
/// Parsing follows W3C Trace Context level 1: surrounding spaces and tabs are tolerated; version `ff`,
/// uppercase hex, all-zero ids and a wrong length are rejected; a version above `00` is accepted when the
/// header is at least 55 characters and anything after the flags starts with `-`.
public struct TraceParent: Sendable, Hashable {
    public var traceID: TraceID
    public var parentID: SpanID
    public var flags: TraceFlags

    public init(traceID: TraceID, parentID: SpanID, flags: TraceFlags) {
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    /// Parses a header value; `nil` when invalid, which restarts the trace.
    public init?(header: String) {
        let bytes = Array(header.trimmingSpaces().utf8)
        guard bytes.count >= 55,
            let versionHigh = Hex.nibble(bytes[0]), let versionLow = Hex.nibble(bytes[1])
        else { return nil }
        let version = versionHigh << 4 | versionLow
        guard version != 0xFF else { return nil }
        if version == 0 {
            guard bytes.count == 55 else { return nil }
        } else if bytes.count > 55, bytes[55] != UInt8(ascii: "-") {
            return nil
        }
        let dash = UInt8(ascii: "-")
        guard bytes[2] == dash, bytes[35] == dash, bytes[52] == dash,
            let traceHigh = Hex.parseUInt64(bytes[3..<19]),
            let traceLow = Hex.parseUInt64(bytes[19..<35]),
            let parent = Hex.parseUInt64(bytes[36..<52]),
            let flagsHigh = Hex.nibble(bytes[53]), let flagsLow = Hex.nibble(bytes[54]),
            traceHigh != 0 || traceLow != 0, parent != 0
        else { return nil }
        self.traceID = TraceID(high: traceHigh, low: traceLow)
        self.parentID = SpanID(rawValue: parent)
        self.flags = TraceFlags(rawValue: flagsHigh << 4 | flagsLow)
    }

    /// The header value this process sends: always version `00`, with only the flags it understands.
    public var headerValue: String {
        var bytes = Array("00-".utf8)
        bytes.reserveCapacity(55)
        Hex.append(traceID.high, to: &bytes)
        Hex.append(traceID.low, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Hex.append(parentID.rawValue, to: &bytes)
        bytes.append(contentsOf: (flags.isSampled ? "-01" : "-00").utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}
