public import Tracing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The entity that produces telemetry: `service.name`, `service.version`, host and process.
public struct Resource: Sendable {
    public var attributes: SpanAttributes

    public init(attributes: SpanAttributes) {
        self.attributes = attributes
    }

    /// The service name, as exported in `service.name`.
    public var serviceName: String {
        if case .string(let name) = attributes.get("service.name") { return name }
        return "unknown_service"
    }

    /// Detects the resource of this process.
    ///
    /// `OTEL_RESOURCE_ATTRIBUTES` (`key=value,…`, values percent-encoded) adds attributes; `OTEL_SERVICE_NAME`
    /// wins over a `service.name` given there; `serviceName` is the fallback.
    public static func detect(serviceName: String, serviceVersion: String, environment: [String: String]) -> Resource {
        var attributes = SpanAttributes()
        attributes["service.name"] = serviceName
        attributes["service.version"] = serviceVersion
        attributes["host.name"] = hostName()
        attributes["process.pid"] = Int64(getpid())
        attributes["process.runtime.name"] = "swift"
        attributes["telemetry.sdk.name"] = "emporium-telemetry"
        attributes["telemetry.sdk.language"] = "swift"
        attributes["telemetry.sdk.version"] = serviceVersion
        for (key, value) in parseAttributeList(environment["OTEL_RESOURCE_ATTRIBUTES"] ?? "") {
            attributes[key] = value
        }
        if let name = environment["OTEL_SERVICE_NAME"], !name.isEmpty {
            attributes["service.name"] = name
        }
        return Resource(attributes: attributes)
    }

    /// Parses `key=value,key2=value2` with percent-decoded values, skipping malformed members.
    /// The OTLP headers variable uses the same form.
    static func parseAttributeList(_ text: String) -> [(String, String)] {
        text.split(separator: ",").compactMap { member in
            let pair = member.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let key = pair[0].trimmingSpaces()
            guard !key.isEmpty, let value = percentDecoded(pair[1].trimmingSpaces()) else { return nil }
            return (key, value)
        }
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes = [UInt8]()
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        Hex.nibble(byte)
            ?? (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F") ? byte - UInt8(ascii: "A") + 10 : nil)
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
