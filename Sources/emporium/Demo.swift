import ArgumentParser
import EmporiumCore
import EmporiumHTTP
import EmporiumSQL
import Foundation
import Logging

/// `emporium demo`: a shop to try at once: the demo catalog, an admin, a seller and a customer whose
/// passwords are printed, a promo code and demo shoppers, then `serve`, and a short load test against itself
/// (``DemoLoadTest``) while it serves.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Seed a demo catalog and demo accounts (printed), serve, and run a short load test against it. For trying Emporium, never production."
    )

    /// The demo accounts. Their passwords are public: they exist only in `emporium demo`.
    static let accounts: [(email: String, password: String, role: Role)] = [
        ("admin@emporium.demo", "demo-admin-password", .admin),
        ("seller@emporium.demo", "demo-seller-password", .seller),
        ("customer@emporium.demo", "demo-customer-password", .customer),
    ]

    @Option(help: "How many products the demo catalog should have.")
    var products: Int = 10_000

    @Option(help: "How many demo shoppers (shopper-0001@emporium.demo …) to create, for load tests.")
    var shoppers: Int = 200

    @Option(help: "The scenario file of the load test run against the demo once it serves.")
    var loadTest = "loadtest/smoke.yaml"

    @Option(help: "How many seconds the load test runs; 0 for none.")
    var loadSeconds = 10

    @OptionGroup var serve: ServeOptions

    /// Where the load test's report goes, beside the demo's database and mail.
    static let loadTestDirectory = ".emporium/loadtest"

    func validate() throws {
        guard products >= 0 else { throw ValidationError("--products \(products): expected zero or more") }
        try DemoShoppers.validate(count: shoppers)
        guard loadSeconds >= 0 else { throw ValidationError("--load-seconds \(loadSeconds): expected zero or more") }
    }

    func run() async throws {
        let (productCount, shopperCount) = (products, shoppers)
        try await serve.database.withDatabase(logger: Logger(label: "emporium.demo")) { database in
            try await Seed.seedCatalog(products: productCount, into: database)
            try await Self.createAccounts(in: database.storage)
            try await Self.createPromoCode(in: database.storage)
            _ = try await DemoShoppers.create(count: shopperCount, in: database.storage.users)
        }
        var environment = ProcessInfo.processInfo.environment
        let settings = try ServeSettings(options: serve, environment: environment)
        printWelcome(base: "http://\(settings.app.host):\(settings.app.port)")
        environment["EMPORIUM_JWT_SECRET"] = environment["EMPORIUM_JWT_SECRET"] ?? SecretToken.generate()
        environment["EMPORIUM_PAYMENTS_WEBHOOK_SECRET"] =
            environment["EMPORIUM_PAYMENTS_WEBHOOK_SECRET"] ?? "whsec_\(SecretToken.generate())"
        let loadTest = DemoLoadTest(
            scenario: loadTest,
            seconds: loadSeconds,
            host: settings.app.host,
            port: settings.app.port,
            directory: Self.loadTestDirectory
        )
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { [serve, environment] in
                try await Serve.serve(options: serve, environment: environment)
                return true
            }
            group.addTask {
                await loadTest.run()
                return false
            }
            // Serving ends the demo (SIGINT or SIGTERM); a load test still running then stops.
            for try await servingEnded in group where servingEnded {
                group.cancelAll()
            }
        }
    }

    private static func createAccounts(in storage: Storage) async throws {
        let accounts = UserAccounts(users: storage.users, hasher: BcryptPasswordHasher())
        for account in Self.accounts {
            do {
                _ = try await accounts.create(
                    email: account.email,
                    name: "Demo \(account.role.rawValue)",
                    password: account.password,
                    role: account.role
                )
            } catch let error as DomainError where error.code == .conflict {
                continue  // made by an earlier demo
            }
        }
    }

    private static func createPromoCode(in storage: Storage) async throws {
        guard try await storage.promoCodes.promoCode("WELCOME10") == nil else { return }
        let now = Date()
        try await storage.promoCodes.insert(
            PromoCode(
                code: "WELCOME10",
                discount: .percent(basisPoints: 1_000),
                validFrom: now.addingTimeInterval(-86_400),
                validUntil: now.addingTimeInterval(365 * 86_400)
            )
        )
    }

    private func printWelcome(base: String) {
        let accounts = Self.accounts.map {
            "    \($0.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \($0.email)  password: \($0.password)"
        }
        let shoppers =
            shoppers == 0
            ? ""
            : "\n    shoppers  \(DemoShoppers.email(1)) … \(DemoShoppers.email(shoppers))  password: \(DemoShoppers.password)"
        Console.write(
            """

            Emporium demo on \(base)
              accounts (demo only; the passwords are public):
            \(accounts.joined(separator: "\n"))\(shoppers)
              promo code: WELCOME10 (10 % off)
              try:     curl -s \(base)/api/v1/products?q=headphones
              sign in: curl -s \(base)/api/v1/auth/login -d '{"email":"customer@emporium.demo","password":"demo-customer-password"}'
              API:     \(base)/openapi.json · docs/API.md
              health:  \(base)/health/ready · metrics: \(base)/metrics · traces: \(base)/debug/traces
              mail:    ./.emporium/mail/new (order notifications, password resets)

            """
        )
    }
}
