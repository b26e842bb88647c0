public import EmporiumCore

extension SQLDatabase {
    /// Every repository of the shop over this database.
    public var storage: Storage {
        Storage(
            users: SQLUserRepository(database: self),
            credentials: SQLCredentialRepository(database: self),
            loginAttempts: SQLLoginAttemptRepository(database: self),
            products: SQLProductRepository(database: self),
            categories: SQLCategoryRepository(database: self),
            reviews: SQLReviewRepository(database: self),
            carts: SQLCartRepository(database: self),
            promoCodes: SQLPromoCodeRepository(database: self),
            orders: SQLOrderRepository(database: self),
            payments: SQLPaymentRepository(database: self),
            outbox: SQLOutboxRepository(database: self),
            notifications: SQLNotificationRepository(database: self)
        )
    }
}
