import EmporiumCore
public import Hummingbird
import Logging

/// Turns every error into the API's JSON error shape: ``APIError`` as it is, a `DomainError` with the status its
/// code maps to, Hummingbird's errors with their status; anything else becomes a 500 `internal_error` whose
/// details are logged, never sent.
///
/// Client errors (4xx) come back as responses, so the middleware before it (trace response header, metrics)
/// sees them like any answer; server errors are thrown on, so `TracingMiddleware` marks the span as failed.
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
        guard apiError.status.code < 500 else { throw apiError }
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
