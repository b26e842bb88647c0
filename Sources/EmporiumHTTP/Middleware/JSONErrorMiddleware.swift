import EmporiumCore
public import Hummingbird
import Logging

/// Turns every error into the API's JSON error shape: ``APIError`` as it is, a `DomainError` with the status its
/// code maps to, Hummingbird's errors with their status; anything else becomes a 500 `internal_error` whose
/// details are logged, never sent.
///
/// Every error comes back as a response, so the middleware before it (metrics, the trace response header) sees
/// it like any answer: Hummingbird's `MetricsMiddleware` times only answers, not thrown errors. A server span
/// that ends with a 5xx status is marked failed by the tracer (OpenTelemetry's HTTP conventions).
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let apiError: APIError
        do {
            return try await next(request, context)
        } catch let error as APIError {
            apiError = error
        } catch let error as DomainError {
            apiError = error.apiError
        } catch let error as DecodingError {
            apiError = error.domainError.apiError
        } catch let error as HTTPError {
            apiError = APIError(
                status: error.status,
                code: Self.code(for: error.status),
                message: error.body ?? error.status.reasonPhrase
            )
        } catch let error as any HTTPResponseError {
            apiError = APIError(
                status: error.status,
                code: Self.code(for: error.status),
                message: Self.message(error.status)
            )
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)"])
            apiError = APIError(
                status: .internalServerError,
                code: "internal_error",
                message: "An internal error occurred."
            )
        }
        return try apiError.response(from: request, context: context)
    }

    static func code(for status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().split(separator: " ").joined(separator: "_")
    }

    private static func message(_ status: HTTPResponse.Status) -> String {
        status == .contentTooLarge
            ? "the request body is larger than \(AppRequestContext.maximumBodySize) bytes" : status.reasonPhrase
    }
}
