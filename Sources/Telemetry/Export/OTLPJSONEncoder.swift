import Tracing

/// Encodes spans as an OTLP/HTTP JSON `ExportTraceServiceRequest`.
///
/// As the OTLP specification requires for JSON: trace and span ids are lowercase hex strings (not base64),
/// enums are integers, 64-bit integers are decimal strings, keys are lowerCamelCase.
enum OTLPJSONEncoder {
    static let scopeName = "emporium.telemetry"

    static func encode(_ spans: [FinishedSpan], resource: Resource, scopeVersion: String) -> [UInt8] {
        var json = JSONWriter(capacity: 512 * spans.count + 512)
        json.object { json in
            json.key("resourceSpans")
            json.array { json in
                json.object { json in
                    json.key("resource")
                    json.object { json in
                        json.key("attributes")
                        attributes(resource.attributes, into: &json)
                    }
                    json.key("scopeSpans")
                    json.array { json in
                        json.object { json in
                            json.key("scope")
                            json.object { json in
                                json.key("name")
                                json.value(scopeName)
                                json.key("version")
                                json.value(scopeVersion)
                            }
                            json.key("spans")
                            json.array { json in
                                for span in spans { encode(span, into: &json) }
                            }
                        }
                    }
                }
            }
        }
        return json.bytes
    }

    private static func encode(_ span: FinishedSpan, into json: inout JSONWriter) {
        json.object { json in
            json.key("traceId")
            json.value(span.context.traceID.hexString)
            json.key("spanId")
            json.value(span.context.spanID.hexString)
            if let parent = span.parentSpanID {
                json.key("parentSpanId")
                json.value(parent.hexString)
            }
            if !span.context.traceState.isEmpty {
                json.key("traceState")
                json.value(span.context.traceState.headerValue)
            }
            json.key("flags")
            json.value(Int(span.context.traceFlags.rawValue) | (span.parentIsRemote ? 0x300 : 0x100))
            json.key("name")
            json.value(span.operationName)
            json.key("kind")
            json.value(kindNumber(span.kind))
            json.key("startTimeUnixNano")
            json.value(String(span.startNanoseconds))
            json.key("endTimeUnixNano")
            json.value(String(span.endNanoseconds))
            json.key("attributes")
            attributes(span.attributes, into: &json)
            json.key("droppedAttributesCount")
            json.value(span.droppedAttributeCount)
            json.key("events")
            json.array { json in
                for event in span.events {
                    json.object { json in
                        json.key("timeUnixNano")
                        json.value(String(event.nanosecondsSinceEpoch))
                        json.key("name")
                        json.value(event.name)
                        json.key("attributes")
                        attributes(event.attributes, into: &json)
                    }
                }
            }
            json.key("droppedEventsCount")
            json.value(span.droppedEventCount)
            json.key("links")
            json.array { json in
                for link in span.links { encode(link, into: &json) }
            }
            json.key("droppedLinksCount")
            json.value(span.droppedLinkCount)
            json.key("status")
            status(span.status, into: &json)
        }
    }

    private static func encode(_ link: FinishedSpan.Link, into json: inout JSONWriter) {
        json.object { json in
            json.key("traceId")
            json.value(link.context.traceID.hexString)
            json.key("spanId")
            json.value(link.context.spanID.hexString)
            if !link.context.traceState.isEmpty {
                json.key("traceState")
                json.value(link.context.traceState.headerValue)
            }
            json.key("attributes")
            attributes(link.attributes, into: &json)
            json.key("droppedAttributesCount")
            json.value(link.droppedAttributeCount)
        }
    }

    private static func status(_ status: SpanStatus?, into json: inout JSONWriter) {
        json.object { json in
            if let message = status?.message, status?.code == .error {
                json.key("message")
                json.value(message)
            }
            json.key("code")
            switch status?.code {
            case .none: json.value(0)
            case .ok: json.value(1)
            case .error: json.value(2)
            }
        }
    }

    /// OTLP `SpanKind`: internal 1, server 2, client 3, producer 4, consumer 5.
    static func kindNumber(_ kind: SpanKind) -> Int {
        switch kind {
        case .internal: 1
        case .server: 2
        case .client: 3
        case .producer: 4
        case .consumer: 5
        }
    }

    /// Attributes as `[{"key": …, "value": AnyValue}]`, sorted by key for stable output.
    static func attributes(_ attributes: SpanAttributes, into json: inout JSONWriter) {
        var entries: [(String, SpanAttribute)] = []
        attributes.forEach { entries.append(($0, $1)) }
        entries.sort { $0.0 < $1.0 }
        json.array { json in
            for (key, value) in entries {
                json.object { json in
                    json.key("key")
                    json.value(key)
                    json.key("value")
                    anyValue(value, into: &json)
                }
            }
        }
    }

    private static func anyValue(_ attribute: SpanAttribute, into json: inout JSONWriter) {
        json.object { json in
            switch attribute {
            case .int32(let value): intValue(Int64(value), into: &json)
            case .int64(let value): intValue(value, into: &json)
            case .double(let value):
                json.key("doubleValue")
                json.value(value)
            case .bool(let value):
                json.key("boolValue")
                json.value(value)
            case .string(let value): stringValue(value, into: &json)
            case .int32Array(let values): array(values.map { .int64(Int64($0)) }, into: &json)
            case .int64Array(let values): array(values.map { .int64($0) }, into: &json)
            case .doubleArray(let values): array(values.map { .double($0) }, into: &json)
            case .boolArray(let values): array(values.map { .bool($0) }, into: &json)
            case .stringArray(let values): array(values.map { .string($0) }, into: &json)
            case .stringConvertibleArray(let values): array(values.map { .string($0.description) }, into: &json)
            case .stringConvertible(let value): stringValue(value.description, into: &json)
            default: stringValue("\(attribute)", into: &json)
            }
        }
    }

    private static func intValue(_ value: Int64, into json: inout JSONWriter) {
        json.key("intValue")
        json.value(String(value))
    }

    private static func stringValue(_ value: String, into json: inout JSONWriter) {
        json.key("stringValue")
        json.value(value)
    }

    private static func array(_ values: [SpanAttribute], into json: inout JSONWriter) {
        json.key("arrayValue")
        json.object { json in
            json.key("values")
            json.array { json in
                for value in values { anyValue(value, into: &json) }
            }
        }
    }
}
