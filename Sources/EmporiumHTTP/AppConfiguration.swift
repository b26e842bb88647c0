public import EmporiumCore
import Foundation

/// What `buildApplication` needs to know, assembled in `main` from flags, environment and defaults.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The running build's version, reported by `emporium_build_info`.
    public var version: String
    /// The shop's services this process serves; the operational routes are always on.
    public var services: Set<ShopService>
    /// Signing and checking access tokens.
    public var accessTokens: AccessTokenSettings
    /// Sessions, password resets and sign-in throttling.
    public var authPolicy: AuthPolicy
    /// Shipping and tax.
    public var pricing: PricingPolicy
    /// How long an order may await payment before the sweeper cancels it and frees its stock.
    public var reservationTimeout: Duration
    /// How often the outbox dispatcher looks for new events when it is idle.
    public var outboxPollInterval: Duration
    /// How often the readiness monitor runs the readiness checks for `emporium_readiness_check_up`.
    public var readinessInterval: Duration

    /// Creates a configuration; the defaults serve every service on 127.0.0.1:8080.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        version: String = EmporiumVersion.current,
        services: Set<ShopService> = Set(ShopService.allCases),
        accessTokens: AccessTokenSettings = AccessTokenSettings(),
        authPolicy: AuthPolicy = AuthPolicy(),
        pricing: PricingPolicy = .standard,
        reservationTimeout: Duration = .seconds(15 * 60),
        outboxPollInterval: Duration = .seconds(1),
        readinessInterval: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.version = version
        self.services = services
        self.accessTokens = accessTokens
        self.authPolicy = authPolicy
        self.pricing = pricing
        self.reservationTimeout = reservationTimeout
        self.outboxPollInterval = outboxPollInterval
        self.readinessInterval = readinessInterval
    }
}

/// The shop's services, which `--services` selects.
public enum ShopService: String, Sendable, Hashable, CaseIterable {
    case auth
    case catalog
    case cart
    case orders
    case payments
    case notifications
    case admin

    /// Parses a comma-separated list such as `catalog,cart`.
    /// - Throws: ``DomainError/Code/invalidInput`` naming `services` and the unknown name.
    public static func parse(list: String) throws(DomainError) -> Set<ShopService> {
        var services: Set<ShopService> = []
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let service = ShopService(rawValue: name) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalid("services", "a comma-separated list of \(known); got \"\(name)\"")
            }
            services.insert(service)
        }
        guard !services.isEmpty else { throw .invalid("services", "at least one service") }
        return services
    }
}

/// The version of this build.
public enum EmporiumVersion {
    public static let current = "0.2.0"
}
