import EmporiumCore

/// The shop's use cases over one set of adapters, as the controllers use them.
struct Shop: Sendable {
    let storage: Storage
    let tokens: JWTAccessTokens
    let auth: AuthService
    let checkout: CheckoutService
    let orders: OrderService
    let payments: PaymentService
    let reviews: ReviewService
    let webhooks: any PaymentWebhookReading
    let faults: Faults
    let catalogCache: any CatalogCache

    /// Wires the use cases. Every write that changes a product page invalidates it in the catalog cache;
    /// products and the gateway get the operator's faults, and gateway calls are timed; mail for sign-up and password reset goes through
    /// `queuedMailer`, so those answers never wait for (or reveal) a mail.
    init(configuration: AppConfiguration, dependencies: ShopDependencies, queuedMailer: any Mailer) {
        var storage = dependencies.storage.invalidating(dependencies.catalogCache)
        storage.products = FaultInjectingProductRepository(storage.products, faults: dependencies.faults)
        let gateway = InstrumentedPaymentGateway(
            FaultInjectingPaymentGateway(dependencies.gateway, faults: dependencies.faults)
        )
        let hasher = dependencies.passwordHasher
        let digests = SHA256Digests()
        self.storage = storage
        tokens = JWTAccessTokens(settings: configuration.accessTokens)
        auth = AuthService(
            storage: storage,
            hasher: hasher,
            tokens: tokens,
            digests: digests,
            mailer: queuedMailer,
            policy: configuration.authPolicy
        )
        checkout = CheckoutService(storage: storage, pricing: configuration.pricing)
        orders = OrderService(storage: storage, gateway: gateway)
        payments = PaymentService(storage: storage, gateway: gateway)
        reviews = ReviewService(storage: storage)
        webhooks = dependencies.webhooks
        faults = dependencies.faults
        catalogCache = dependencies.catalogCache
    }
}
