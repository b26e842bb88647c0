public import Hummingbird

/// `GET /health/live` (the process answers) and `GET /health/ready` (it can serve traffic).
public struct HealthController<Context: RequestContext>: Sendable {
    public init() {}

    public func addRoutes(to router: some RouterMethods<Context>) {
        router.get("/health/live") { _, _ in
            Self.json(#"{"status":"ok"}"#)
        }
        router.get("/health/ready") { _, _ in
            Self.json(#"{"status":"ready","checks":{}}"#)
        }
    }

    static func json(_ body: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(string: body))
        )
    }
}
