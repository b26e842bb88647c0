public import Hummingbird

/// Hummingbird's `TracingMiddleware` for every request except the operational reads that would bury the traces
/// that matter: `/metrics` (scraped every few seconds), `/openapi.json` and `/debug/…`.
///
/// It goes before `TraceScopedBodyMiddleware` and `MetricsMiddleware`, so that a request's duration is recorded
/// inside its trace and the latency histogram carries the trace as an exemplar.
public struct SelectiveTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    private let tracing = TracingMiddleware<Context>()

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard Self.isTraced(request.uri.path) else { return try await next(request, context) }
        return try await tracing.handle(request, context: context, next: next)
    }

    static func isTraced(_ path: String) -> Bool {
        path != "/metrics" && path != "/openapi.json" && !path.hasPrefix("/debug/")
    }
}
