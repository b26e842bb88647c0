import Foundation
public import Hummingbird
import Telemetry
import Tracing

/// Records every request it sees in the ``AccessLog``: arrival time, method, path, route, status, duration
/// and trace id. Place it after `TracingMiddleware` so that the trace id is known; a thrown error is logged
/// with the status it will be answered with.
public struct AccessLogMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let log: AccessLog

    /// Creates the middleware writing into `log`.
    public init(log: AccessLog) {
        self.log = log
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let arrived = Date()
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, arrived: arrived, started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context: context, status: status, arrived: arrived, started: started)
            throw error
        }
    }

    private func record(
        _ request: Request,
        context: Context,
        status: Int,
        arrived: Date,
        started: ContinuousClock.Instant
    ) {
        let elapsed = ContinuousClock.now - started
        let traceID = ServiceContext.current?.spanContext?.traceID.hexString
        log.record(
            AccessLogEntry(
                arrived: arrived,
                method: request.method.rawValue,
                path: request.uri.description,
                route: context.endpointPath,
                status: status,
                durationMilliseconds: Double(elapsed.components.seconds) * 1_000
                    + Double(elapsed.components.attoseconds) / 1e15,
                traceID: traceID,
                client: context.clientAddress
            )
        )
    }
}
