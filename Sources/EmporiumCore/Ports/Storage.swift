/// Every repository of one storage backend, as the executables wire them into the services.
public struct Storage: Sendable {
    public var users: any UserRepository
    public var credentials: any CredentialRepository
    public var loginAttempts: any LoginAttemptRepository
    public var products: any ProductRepository
    public var categories: any CategoryRepository
    public var reviews: any ReviewRepository
    public var carts: any CartRepository
    public var promoCodes: any PromoCodeRepository
    public var orders: any OrderRepository
    public var payments: any PaymentRepository
    public var outbox: any OutboxRepository
    public var notifications: any NotificationRepository

    /// Creates the set.
    public init(
        users: any UserRepository,
        credentials: any CredentialRepository,
        loginAttempts: any LoginAttemptRepository,
        products: any ProductRepository,
        categories: any CategoryRepository,
        reviews: any ReviewRepository,
        carts: any CartRepository,
        promoCodes: any PromoCodeRepository,
        orders: any OrderRepository,
        payments: any PaymentRepository,
        outbox: any OutboxRepository,
        notifications: any NotificationRepository
    ) {
        self.users = users
        self.credentials = credentials
        self.loginAttempts = loginAttempts
        self.products = products
        self.categories = categories
        self.reviews = reviews
        self.carts = carts
        self.promoCodes = promoCodes
        self.orders = orders
        self.payments = payments
        self.outbox = outbox
        self.notifications = notifications
    }
}
