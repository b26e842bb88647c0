/// Maps swift-metrics labels and dimension names onto Prometheus names.
///
/// Dots and every other character outside `[a-zA-Z0-9_:]` become `_`; a leading digit gets a `_` prefix.
/// Counters end in `_total`, timers in `_seconds`, so `http.server.request.duration` recorded by a `Timer`
/// is exposed as `http_server_request_duration_seconds`.
public enum MetricName {
    /// The exposition name of a metric family.
    ///
    /// - Parameters:
    ///   - label: the swift-metrics label, such as `hb.requests`.
    ///   - kind: the family's kind; counters get `_total`.
    ///   - isTimer: whether the values are durations recorded by a `Timer` (exposed in seconds).
    public static func familyName(for label: String, kind: MetricKind, isTimer: Bool = false) -> String {
        var name = sanitized(label, allowColon: true)
        if isTimer, !name.hasSuffix("_seconds") {
            name += "_seconds"
        }
        if kind == .counter, !name.hasSuffix("_total") {
            name += "_total"
        }
        return name
    }

    /// A label name that Prometheus accepts: `[a-zA-Z_][a-zA-Z0-9_]*`.
    public static func labelName(for dimension: String) -> String {
        sanitized(dimension, allowColon: false)
    }

    static func sanitized(_ raw: String, allowColon: Bool) -> String {
        guard !raw.isEmpty else { return "_" }
        var bytes = [UInt8]()
        bytes.reserveCapacity(raw.utf8.count + 1)
        for byte in raw.utf8 {
            let isLetter =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isAllowed =
                isLetter || isDigit || byte == UInt8(ascii: "_") || (allowColon && byte == UInt8(ascii: ":"))
            bytes.append(isAllowed ? byte : UInt8(ascii: "_"))
        }
        if let first = bytes.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
            bytes.insert(UInt8(ascii: "_"), at: 0)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The kind of a metric family, as written on its `# TYPE` line.
public enum MetricKind: String, Sendable {
    case counter
    case gauge
    case histogram
}
