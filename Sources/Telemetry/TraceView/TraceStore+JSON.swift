import Tracing

extension TraceStore {
    /// `{"recent": [summary…], "slowest": [{"route", "traces": [summary…]}]}` for `GET /debug/traces`.
    public func summaryJSON() -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.key("recent")
            json.array { json in
                for trace in recentTraces() { Self.summary(trace, into: &json) }
            }
            json.key("slowest")
            json.array { json in
                for (route, traces) in slowestTraces() {
                    json.object { json in
                        json.key("route")
                        json.value(route)
                        json.key("traces")
                        json.array { json in
                            for trace in traces { Self.summary(trace, into: &json) }
                        }
                    }
                }
            }
        }
        return json.bytes
    }

    /// Every span of one trace, with offsets from the trace's start, for `GET /debug/traces/{id}`.
    public static func traceJSON(_ trace: StoredTrace) -> [UInt8] {
        let start = trace.spans.map(\.startNanoseconds).min() ?? trace.root.startNanoseconds
        var json = JSONWriter()
        json.object { json in
            json.key("trace_id")
            json.value(trace.traceID.hexString)
            json.key("route")
            json.value(trace.route)
            json.key("duration_ms")
            json.value(milliseconds(trace.root.durationNanoseconds))
            json.key("spans")
            json.array { json in
                for span in trace.spans.sorted(by: { $0.startNanoseconds < $1.startNanoseconds }) {
                    json.object { json in
                        json.key("span_id")
                        json.value(span.context.spanID.hexString)
                        if let parent = span.parentSpanID {
                            json.key("parent_span_id")
                            json.value(parent.hexString)
                        }
                        json.key("name")
                        json.value(span.operationName)
                        json.key("kind")
                        json.value("\(span.kind)")
                        json.key("start_offset_ms")
                        json.value(milliseconds(span.startNanoseconds - start))
                        json.key("duration_ms")
                        json.value(milliseconds(span.durationNanoseconds))
                        json.key("status")
                        json.value(statusName(span.status))
                        json.key("attributes")
                        OTLPJSONEncoder.attributes(span.attributes, into: &json)
                        json.key("events")
                        json.array { json in
                            for event in span.events {
                                json.object { json in
                                    json.key("name")
                                    json.value(event.name)
                                    json.key("offset_ms")
                                    json.value(milliseconds(event.nanosecondsSinceEpoch &- start))
                                    json.key("attributes")
                                    OTLPJSONEncoder.attributes(event.attributes, into: &json)
                                }
                            }
                        }
                    }
                }
            }
        }
        return json.bytes
    }

    private static func summary(_ trace: StoredTrace, into json: inout JSONWriter) {
        json.object { json in
            json.key("trace_id")
            json.value(trace.traceID.hexString)
            json.key("route")
            json.value(trace.route)
            json.key("start_time_unix_ms")
            json.value(Int(trace.root.startNanoseconds / 1_000_000))
            json.key("duration_ms")
            json.value(milliseconds(trace.root.durationNanoseconds))
            json.key("span_count")
            json.value(trace.spans.count)
            json.key("status")
            json.value(statusName(trace.root.status))
            if let status = trace.httpStatus {
                json.key("http_status")
                json.value(status)
            }
        }
    }

    static func milliseconds(_ nanoseconds: UInt64) -> Double {
        (Double(nanoseconds) / 1_000).rounded() / 1_000
    }

    static func statusName(_ status: SpanStatus?) -> String {
        switch status?.code {
        case .none: "unset"
        case .ok: "ok"
        case .error: "error"
        }
    }
}

extension TraceStore.StoredTrace {
    /// The HTTP response status of the root span, when it is a server span.
    public var httpStatus: Int? {
        switch root.attributes.get("http.response.status_code") {
        case .int64(let value): Int(value)
        case .int32(let value): Int(value)
        default: nil
        }
    }
}
