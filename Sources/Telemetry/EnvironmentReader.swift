/// Reads `OTEL_*` variables, collecting a warning for every value it cannot use.
struct EnvironmentReader {
    let environment: [String: String]
    private(set) var warnings: [String] = []

    init(environment: [String: String]) {
        self.environment = environment
    }

    func string(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingSpaces(), !value.isEmpty else { return nil }
        return value
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let value = string(name)?.lowercased() else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default:
            warnings.append("\(name)=\(value) is not true or false; using false")
            return nil
        }
    }

    mutating func integer(_ name: String, default fallback: Int) -> Int {
        guard let value = string(name) else { return fallback }
        guard let number = Int(value), number >= 0 else {
            warnings.append("\(name)=\(value) is not a non-negative integer; using \(fallback)")
            return fallback
        }
        return number
    }

    mutating func milliseconds(_ name: String, default fallback: Duration) -> Duration {
        let fallbackMilliseconds = Int(fallback.totalNanoseconds / 1_000_000)
        return .milliseconds(integer(name, default: fallbackMilliseconds))
    }

    mutating func sampler() -> any Sampler {
        let name = string("OTEL_TRACES_SAMPLER")?.lowercased() ?? "parentbased_always_on"
        let ratio = samplerRatio()
        switch name {
        case "always_on": return AlwaysOnSampler()
        case "always_off": return AlwaysOffSampler()
        case "traceidratio": return TraceIDRatioSampler(ratio: ratio)
        case "parentbased_always_on": return ParentBasedSampler(root: AlwaysOnSampler())
        case "parentbased_always_off": return ParentBasedSampler(root: AlwaysOffSampler())
        case "parentbased_traceidratio": return ParentBasedSampler(root: TraceIDRatioSampler(ratio: ratio))
        default:
            warnings.append("OTEL_TRACES_SAMPLER=\(name) is not supported; using parentbased_always_on")
            return ParentBasedSampler(root: AlwaysOnSampler())
        }
    }

    private mutating func samplerRatio() -> Double {
        guard let text = string("OTEL_TRACES_SAMPLER_ARG") else { return 1 }
        guard let ratio = Double(text), (0...1).contains(ratio) else {
            warnings.append("OTEL_TRACES_SAMPLER_ARG=\(text) is not a number from 0 to 1; using 1.0")
            return 1
        }
        return ratio
    }

    mutating func spanLimits() -> SpanLimits {
        let defaults = SpanLimits()
        let valueLength =
            string("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT") ?? string("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT")
        return SpanLimits(
            attributeCount: integer("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", default: defaults.attributeCount),
            eventCount: integer("OTEL_SPAN_EVENT_COUNT_LIMIT", default: defaults.eventCount),
            linkCount: integer("OTEL_SPAN_LINK_COUNT_LIMIT", default: defaults.linkCount),
            attributesPerEvent: integer("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", default: defaults.attributesPerEvent),
            attributesPerLink: integer("OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", default: defaults.attributesPerLink),
            attributeValueLength: valueLength.flatMap { Int($0) }
        )
    }

    mutating func batchConfiguration() -> BatchSpanProcessor.Configuration {
        let defaults = BatchSpanProcessor.Configuration()
        return BatchSpanProcessor.Configuration(
            maxQueueSize: integer("OTEL_BSP_MAX_QUEUE_SIZE", default: defaults.maxQueueSize),
            maxExportBatchSize: integer("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", default: defaults.maxExportBatchSize),
            scheduleDelay: milliseconds("OTEL_BSP_SCHEDULE_DELAY", default: defaults.scheduleDelay),
            exportTimeout: milliseconds("OTEL_BSP_EXPORT_TIMEOUT", default: defaults.exportTimeout)
        )
    }

    mutating func exporterConfiguration() -> OTLPHTTPExporter.Configuration? {
        let exporterName = string("OTEL_TRACES_EXPORTER")?.lowercased()
        if exporterName == "none" { return nil }
        if let exporterName, exporterName != "otlp" {
            warnings.append("OTEL_TRACES_EXPORTER=\(exporterName) is not supported; only otlp and none are")
        }
        if let protocolName = string("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ?? string("OTEL_EXPORTER_OTLP_PROTOCOL"),
            protocolName != "http/json"
        {
            warnings.append("OTEL_EXPORTER_OTLP_PROTOCOL=\(protocolName) is not supported; sending http/json")
        }
        let endpoint: String
        if let traces = string("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            endpoint = traces
        } else if let base = string("OTEL_EXPORTER_OTLP_ENDPOINT") {
            endpoint = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/v1/traces"
        } else if exporterName == "otlp" {
            endpoint = "http://localhost:4318/v1/traces"
        } else {
            return nil
        }
        let headers = string("OTEL_EXPORTER_OTLP_TRACES_HEADERS") ?? string("OTEL_EXPORTER_OTLP_HEADERS") ?? ""
        let compression = (string("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION") ?? string("OTEL_EXPORTER_OTLP_COMPRESSION"))?
            .lowercased()
        let timeoutName =
            environment["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"] != nil
            ? "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT" : "OTEL_EXPORTER_OTLP_TIMEOUT"
        return OTLPHTTPExporter.Configuration(
            tracesEndpoint: endpoint,
            headers: Resource.parseAttributeList(headers),
            gzip: compression == "gzip",
            timeout: milliseconds(timeoutName, default: .seconds(10))
        )
    }
}
