/// The two text formats a Prometheus scrape may ask for.
public enum ExpositionFormat: Sendable, Equatable {
    /// Prometheus text format 0.0.4.
    case prometheusText
    /// OpenMetrics 1.0: counters named without `_total` on `# TYPE`, exemplars, `# EOF`.
    case openMetrics

    /// The `Content-Type` of a response in this format.
    public var contentType: String {
        switch self {
        case .prometheusText: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// The format a scrape's `Accept` header prefers: OpenMetrics 1.0 if it ranks above plain text, else 0.0.4.
    ///
    /// Prometheus sends `application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,...`.
    public static func negotiate(accept: String?) -> ExpositionFormat {
        guard let accept else { return .prometheusText }
        var openMetricsQuality = 0.0
        var textQuality = 0.0
        for range in MediaRange.parseList(accept) {
            switch range.type {
            case "application/openmetrics-text":
                let version = range.parameters["version"]
                if version == nil || version == "1.0.0" {
                    openMetricsQuality = max(openMetricsQuality, range.quality)
                }
            case "text/plain", "text/*", "*/*":
                textQuality = max(textQuality, range.quality)
            default:
                continue
            }
        }
        return openMetricsQuality > 0 && openMetricsQuality >= textQuality ? .openMetrics : .prometheusText
    }
}

/// One element of an `Accept` or `Accept-Encoding` list: a type, its parameters and its `q`.
struct MediaRange: Equatable {
    var type: String
    var parameters: [String: String]
    var quality: Double

    static func parseList(_ header: String) -> [MediaRange] {
        header.split(separator: ",").compactMap { element in
            let parts = element.split(separator: ";").map { $0.trimmingSpaces().lowercased() }
            guard let type = parts.first, !type.isEmpty else { return nil }
            var parameters: [String: String] = [:]
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: "\"")
                if pair[0] == "q" {
                    quality = Double(value) ?? 0
                } else {
                    parameters[pair[0]] = value
                }
            }
            return MediaRange(type: type, parameters: parameters, quality: quality)
        }
    }

    /// Whether an `Accept-Encoding` header accepts gzip with a non-zero quality.
    static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        return parseList(acceptEncoding).contains { ($0.type == "gzip" || $0.type == "x-gzip") && $0.quality > 0 }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        trimmingCharacters(in: " \t")
    }

    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let start = firstIndex(where: { !characters.contains($0) }),
            let end = lastIndex(where: { !characters.contains($0) })
        else { return "" }
        return String(self[start...end])
    }
}
