import Foundation
public import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 document of every route, as shipped in the package's resources.
public struct OpenAPIController<Context: RequestContext>: Sendable {
    /// Creates the controller.
    public init() {}

    public func addRoutes(to router: some RouterMethods<Context>) {
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: .init(bytes: OpenAPIDocument.bytes))
            )
        }
    }
}

/// The document, read once from the bundle.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return Array(#"{"openapi":"3.1.0","info":{"title":"Emporium","version":"missing"},"paths":{}}"#.utf8) }
        return Array(data)
    }()
}
