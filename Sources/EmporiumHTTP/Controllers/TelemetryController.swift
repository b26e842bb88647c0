import EmporiumCore
public import Hummingbird
public import Telemetry

/// `GET /metrics` for Prometheus and `GET /debug/traces[/{traceID}]` for developers.
///
/// The trace view answers HTML to a browser (`Accept: text/html`) or with `?format=html`, JSON otherwise.
public struct TelemetryController<Context: RequestContext>: Sendable {
    let metrics: MetricsRegistry
    let traceStore: TraceStore

    public init(metrics: MetricsRegistry, traceStore: TraceStore) {
        self.metrics = metrics
        self.traceStore = traceStore
    }

    public func addRoutes(to router: some RouterMethods<Context>) {
        router.get("/metrics") { request, _ in
            let scrape = metrics.scrape(
                accept: request.headers[.accept],
                acceptEncoding: request.headers[.acceptEncoding]
            )
            var headers: HTTPFields = [.contentType: scrape.contentType, .cacheControl: "no-store"]
            if let encoding = scrape.contentEncoding {
                headers[.contentEncoding] = encoding
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: scrape.body))
        }
        router.get("/debug/traces") { request, _ in
            Self.wantsHTML(request)
                ? Self.html(traceStore.summaryHTML())
                : Self.json(traceStore.summaryJSON())
        }
        router.get("/debug/traces/{traceID}") { request, context in
            let text = try context.parameters.require("traceID")
            guard let traceID = TraceID(hex: text) else {
                throw APIError(
                    status: .badRequest,
                    code: "invalid_trace_id",
                    message: "traceID must be 32 lowercase hexadecimal digits.",
                    details: ["field": .string("traceID")]
                )
            }
            guard let trace = traceStore.trace(traceID) else {
                throw APIError(
                    status: .notFound,
                    code: "trace_not_found",
                    message: "No trace \(text) is kept in memory."
                )
            }
            return Self.wantsHTML(request)
                ? Self.html(TraceStore.waterfallHTML(trace))
                : Self.json(TraceStore.traceJSON(trace))
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        if let format = request.uri.queryParameters.get("format") {
            return format == "html"
        }
        return request.headers[.accept]?.contains("text/html") ?? false
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(bytes: bytes))
        )
    }

    static func html(_ page: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(string: page))
        )
    }
}
