public import Hummingbird
import ServiceContextModule

/// Hummingbird's `TracingMiddleware` for every request except the operational reads that would bury the traces
/// that matter: `/metrics` (scraped every few seconds), `/openapi.json` and `/debug/…`.
///
/// A traced response's body is written inside the request's trace context. Hummingbird's `MetricsMiddleware`,
/// which goes after this one, records a request's duration once its body is written, after the handler
/// returned and outside the span's scope; written this way, the recording still sees the trace, and the latency
/// histogram carries it as an exemplar.
public struct SelectiveTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    private let tracing = TracingMiddleware<Context>()

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard Self.isTraced(request.uri.path) else { return try await next(request, context) }
        return try await tracing.handle(request, context: context) { request, context in
            var response = try await next(request, context)
            guard let serviceContext = ServiceContext.current else { return response }
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                try await ServiceContext.withValue(serviceContext) { try await body.write(writer) }
            }
            return response
        }
    }

    static func isTraced(_ path: String) -> Bool {
        path != "/metrics" && path != "/openapi.json" && !path.hasPrefix("/debug/")
    }
}
