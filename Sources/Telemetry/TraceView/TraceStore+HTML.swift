import Tracing

extension TraceStore {
    /// An HTML page listing recent traces and the slowest per route, each linking to its waterfall.
    public func summaryHTML(basePath: String = "/debug/traces") -> String {
        var rows = ""
        for trace in recentTraces() {
            rows += Self.row(trace, basePath: basePath)
        }
        var slowest = ""
        for (route, traces) in slowestTraces() {
            slowest += "<h3>\(HTML.escape(route))</h3><table>\(Self.header)"
            for trace in traces { slowest += Self.row(trace, basePath: basePath) }
            slowest += "</table>"
        }
        return HTML.page(
            title: "Traces",
            body: """
                <h1>Traces</h1>
                <p>Kept in memory by this process: the \(configuration.recentTraces) most recent traces and the \
                \(configuration.slowestPerRoute) slowest per route. <a href="\(basePath)?format=json">JSON</a></p>
                <h2>Slowest per route</h2>\(slowest.isEmpty ? "<p>No traces yet.</p>" : slowest)
                <h2>Recent</h2><table>\(Self.header)\(rows)</table>
                """
        )
    }

    /// A waterfall of one trace: a bar per span, indented by depth, placed on the trace's timeline.
    public static func waterfallHTML(_ trace: StoredTrace, basePath: String = "/debug/traces") -> String {
        let start = trace.spans.map(\.startNanoseconds).min() ?? trace.root.startNanoseconds
        let end = trace.spans.map(\.endNanoseconds).max() ?? trace.root.endNanoseconds
        let total = Double(max(end - start, 1))
        var bars = ""
        for (span, depth) in orderedByParent(trace.spans) {
            let left = Double(span.startNanoseconds - start) / total * 100
            let width = max(Double(span.durationNanoseconds) / total * 100, 0.3)
            var details = ""
            span.attributes.forEach { key, value in details += "\(key)=\(value)\n" }
            for event in span.events { details += "event \(event.name) \(event.attributes)\n" }
            let css = span.status?.code == .error ? "bar error" : "bar"
            bars += """
                <div class="span" title="\(HTML.escape(details))"><div class="name" style="padding-left:\(depth * 14)px">\
                \(HTML.escape(span.operationName))</div><div class="lane"><div class="\(css)" \
                style="left:\(format(left))%;width:\(format(width))%"></div></div>\
                <div class="ms">\(milliseconds(span.durationNanoseconds)) ms</div></div>
                """
        }
        return HTML.page(
            title: "Trace \(trace.traceID)",
            body: """
                <p><a href="\(basePath)">All traces</a> · <a href="\(basePath)/\(trace.traceID)?format=json">JSON</a></p>
                <h1>\(HTML.escape(trace.route))</h1>
                <p>Trace <code>\(trace.traceID)</code> · \(milliseconds(trace.root.durationNanoseconds)) ms · \
                \(trace.spans.count) spans. Hover a span for its attributes.</p>
                <div class="waterfall">\(bars)</div>
                """
        )
    }

    /// Spans depth-first from the roots, children by start time, each with its depth.
    static func orderedByParent(_ spans: [FinishedSpan]) -> [(FinishedSpan, Int)] {
        let ids = Set(spans.map(\.context.spanID))
        let children = Dictionary(grouping: spans.filter { $0.parentSpanID.map(ids.contains) ?? false }) {
            $0.parentSpanID!
        }
        let roots = spans.filter { !($0.parentSpanID.map(ids.contains) ?? false) }
        var ordered: [(FinishedSpan, Int)] = []
        func visit(_ span: FinishedSpan, _ depth: Int) {
            ordered.append((span, depth))
            for child in (children[span.context.spanID] ?? []).sorted(by: { $0.startNanoseconds < $1.startNanoseconds })
            {
                visit(child, depth + 1)
            }
        }
        for root in roots.sorted(by: { $0.startNanoseconds < $1.startNanoseconds }) { visit(root, 0) }
        return ordered
    }

    private static let header = "<tr><th>Route</th><th>Duration</th><th>Spans</th><th>Status</th><th>Trace</th></tr>"

    private static func row(_ trace: StoredTrace, basePath: String) -> String {
        let status = trace.httpStatus.map(String.init) ?? statusName(trace.root.status)
        return """
            <tr><td>\(HTML.escape(trace.route))</td><td class="num">\(milliseconds(trace.root.durationNanoseconds)) ms</td>\
            <td class="num">\(trace.spans.count)</td><td>\(status)</td>\
            <td><a href="\(basePath)/\(trace.traceID)"><code>\(trace.traceID)</code></a></td></tr>
            """
    }

    private static func format(_ percent: Double) -> String {
        String((percent * 100).rounded() / 100)
    }
}

/// The few HTML helpers the trace pages need.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        body{font:14px system-ui,sans-serif;margin:24px;color:#1d2330}
        table{border-collapse:collapse;margin-bottom:16px}td,th{padding:4px 10px;border-bottom:1px solid #e3e6ec;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px}
        .waterfall{border:1px solid #e3e6ec;border-radius:4px}
        .span{display:flex;align-items:center;height:24px;border-bottom:1px solid #f0f2f5}
        .name{width:34%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:13px}
        .lane{position:relative;flex:1;height:14px}.bar{position:absolute;height:14px;background:#3b82f6;border-radius:2px}
        .bar.error{background:#dc2626}.ms{width:90px;text-align:right;font-variant-numeric:tabular-nums;font-size:12px}
        </style></head><body>\(body)</body></html>
        """
    }
}
