public import EmporiumCore
public import ServiceLifecycle

/// The adapters `main` chose for the shop: storage, payment provider, mail, and what runs beside the server.
///
/// ```swift
/// let database = try SQLiteDatabase(path: path, faults: faults)
/// let dependencies = ShopDependencies(storage: database.storage, gateway: gateway, webhooks: webhooks,
///                                     mailer: MaildirMailer(directory: ".emporium/mail"), faults: faults,
///                                     readiness: [ReadinessCheck(name: "database") { try await ping() }])
/// ```
public struct ShopDependencies: Sendable {
    public var storage: Storage
    public var gateway: any PaymentGateway
    /// Checks and decodes payment webhooks (the provider's signature scheme).
    public var webhooks: any PaymentWebhookReading
    /// Delivers email: order notifications, password resets.
    public var mailer: any Mailer
    public var passwordHasher: any PasswordHashing
    /// The operator's fault switchboard; the adapters given here should already apply its database latency.
    public var faults: Faults
    /// Rendered product pages; in this process by default, in Redis with `--redis`.
    public var catalogCache: any CatalogCache
    /// What `/health/ready` checks.
    public var readiness: [ReadinessCheck]
    /// Services the adapters need running (a database pool, the simulated gateway's webhooks).
    public var services: [any Service]
    /// Work to do once ``services`` run and before the server accepts requests (database migrations).
    public var startup: [@Sendable () async throws -> Void]
    /// Told the port once the server listens (the simulated gateway then knows where to send webhooks).
    public var onListening: [@Sendable (_ port: Int) async -> Void]
    /// Where every shop request is logged as a JSON line (`--access-log`); run as one of ``services``.
    public var accessLog: AccessLog?
    /// Limits each client's requests to `/api/v1` (`--rate-limit`); none by default.
    public var rateLimiter: (any RequestRateLimiter)?
    /// Where the outbox dispatcher also publishes order events (a Redis stream with `--redis`); none by default.
    public var eventPublisher: (any EventPublisher)?

    /// Creates the set.
    public init(
        storage: Storage,
        gateway: any PaymentGateway,
        webhooks: any PaymentWebhookReading,
        mailer: any Mailer,
        passwordHasher: any PasswordHashing = BcryptPasswordHasher(),
        faults: Faults = Faults(),
        catalogCache: any CatalogCache = InMemoryCatalogCache(),
        readiness: [ReadinessCheck] = [],
        services: [any Service] = [],
        startup: [@Sendable () async throws -> Void] = [],
        onListening: [@Sendable (_ port: Int) async -> Void] = [],
        accessLog: AccessLog? = nil,
        rateLimiter: (any RequestRateLimiter)? = nil,
        eventPublisher: (any EventPublisher)? = nil
    ) {
        self.storage = storage
        self.gateway = gateway
        self.webhooks = webhooks
        self.mailer = mailer
        self.passwordHasher = passwordHasher
        self.faults = faults
        self.catalogCache = catalogCache
        self.readiness = readiness
        self.services = services
        self.startup = startup
        self.onListening = onListening
        self.accessLog = accessLog
        self.rateLimiter = rateLimiter
        self.eventPublisher = eventPublisher
    }
}

/// One thing the process uses to serve traffic, checked by `/health/ready`.
public struct ReadinessCheck: Sendable {
    /// The name in the readiness answer (`database`, `redis`).
    public var name: String
    /// Whether the shop cannot serve without it. A failing critical check makes the process unready (503);
    /// a failing non-critical one (Redis, which the shop degrades without) reports it as `degraded` (200).
    public var isCritical: Bool
    /// Throws when the dependency cannot be used.
    public var check: @Sendable () async throws -> Void

    /// Creates a check.
    public init(name: String, isCritical: Bool = true, check: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.isCritical = isCritical
        self.check = check
    }
}
