public import Hummingbird
import ServiceContextModule

/// Writes the response body inside the request's trace context. Hummingbird's `MetricsMiddleware` records a
/// request's duration once its body is written, after the handler returned and outside the span's scope; with
/// this middleware between `SelectiveTracingMiddleware` and it, the recording still sees the trace, so the
/// latency histogram carries it as an exemplar.
public struct TraceScopedBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        guard let serviceContext = ServiceContext.current else { return response }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await ServiceContext.withValue(serviceContext) { try await body.write(writer) }
        }
        return response
    }
}
