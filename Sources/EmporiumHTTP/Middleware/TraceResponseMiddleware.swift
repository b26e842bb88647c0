import HTTPTypes
public import Hummingbird
import Telemetry
import Tracing

/// Answers with the request's trace in a `traceresponse` header (W3C Trace Context level 2), so a client
/// (the load generator, a curl user) can open the trace behind a slow response.
///
/// Place it after `TracingMiddleware`, inside the span's scope.
public struct TraceResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        if let spanContext = ServiceContext.current?.spanContext {
            let header = TraceParent(
                traceID: spanContext.traceID,
                parentID: spanContext.spanID,
                flags: spanContext.traceFlags
            )
            response.headers[.traceResponse] = header.headerValue
        }
        return response
    }
}

extension HTTPField.Name {
    static let traceResponse = Self("traceresponse")!
}
