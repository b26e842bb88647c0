import EmporiumCore
import EmporiumIntegrations
import EmporiumSQL
import EmporiumTesting
import Foundation
import Hummingbird
import Logging
import Telemetry
import Testing

@testable import EmporiumHTTP

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("/openapi.json is OpenAPI 3.1 and documents exactly the routes the router serves")
    func documentMatchesRouter() async throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any]
        )
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })

        let telemetry = TelemetryRuntime(
            configuration: .fromEnvironment([:], serviceName: "emporium", serviceVersion: "test"),
            logger: Logger(label: "test")
        )
        try await TestDatabase.with(.sqlite) { database in
            let dependencies = ShopDependencies(
                storage: database.storage,
                gateway: SimulatedPaymentGateway(webhooks: StripeWebhooks(secret: "s"), logger: Logger(label: "test")),
                webhooks: StripeWebhooks(secret: "s"),
                mailer: MaildirMailer(directory: NSTemporaryDirectory())
            )
            let configuration = AppConfiguration()
            let shop = Shop(configuration: configuration, dependencies: dependencies, queuedMailer: dependencies.mailer)
            let router = buildRouter(configuration: configuration, shop: shop, telemetry: telemetry, readiness: [])
            let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(served.subtracting(documented).isEmpty, "served but not documented")
            #expect(documented.subtracting(served).isEmpty, "documented but not served")
        }
    }
}
