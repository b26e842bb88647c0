import ArgumentParser
import EmporiumCore
import EmporiumHTTP
import EmporiumIntegrations
import EmporiumRedis
import EmporiumSQL
import Foundation
import Logging
import ServiceLifecycle

/// Chooses and wires the adapters from the environment: the database, the payment gateway and its webhook
/// secret, the mailer.
///
/// | variable | effect |
/// | --- | --- |
/// | `EMPORIUM_PAYMENT_GATEWAY` | `simulated` (default) or `stripe` |
/// | `EMPORIUM_STRIPE_API_KEY`, `EMPORIUM_STRIPE_BASE_URL` | Stripe's secret key and API address |
/// | `EMPORIUM_PAYMENTS_WEBHOOK_SECRET` | the webhook signing secret; required with Stripe, random otherwise |
/// | `EMPORIUM_SIMULATED_PAYMENT_LATENCY_MS` | added to every simulated payment call |
/// | `EMPORIUM_SMTP_URL` | `smtp://[user:pass@]host:port`; without it mail goes to `EMPORIUM_MAILDIR` |
/// | `EMPORIUM_MAILDIR` | the maildir folder (default `./.emporium/mail`) |
/// | `EMPORIUM_MAIL_FROM` | the sender (default `Emporium <shop@emporium.localhost>`) |
/// | `EMPORIUM_ACCESS_LOG` | the access log file, when `--access-log` is not given |
/// | `EMPORIUM_RATE_LIMIT` | requests per client to `/api/v1` (`600/min`, or `off`), when `--rate-limit` is not given |
/// | `EMPORIUM_REDIS_URL` | Redis for carts, the catalog cache, login throttling, rate limits and the event stream, when `--redis` is not given |
struct ShopAssembly {
    let environment: [String: String]
    let logger: Logger

    /// The dependencies of a server listening on `host`.
    func dependencies(options: ServeOptions, host: String) throws -> (ShopDependencies, [String]) {
        let faults = Faults()
        let opened = try options.database.open(faults: faults, logger: logger)
        var warnings: [String] = []
        let webhookSecret: String
        if let secret = environment["EMPORIUM_PAYMENTS_WEBHOOK_SECRET"] {
            webhookSecret = secret
        } else if environment["EMPORIUM_PAYMENT_GATEWAY"] == "stripe" {
            throw ValidationError("EMPORIUM_PAYMENTS_WEBHOOK_SECRET is required with EMPORIUM_PAYMENT_GATEWAY=stripe")
        } else {
            webhookSecret = "whsec_" + SecretToken.generate()
            warnings.append(
                "EMPORIUM_PAYMENTS_WEBHOOK_SECRET is not set: the simulated gateway signs its webhooks with a random secret"
            )
        }
        let webhooks = StripeWebhooks(secret: webhookSecret)
        var services = opened.services
        var onListening: [@Sendable (Int) async -> Void] = []
        let gateway = try paymentGateway(webhooks: webhooks, host: host, services: &services, onListening: &onListening)
        let database = opened.database
        let accessLog = try accessLog(path: options.accessLog)
        if let accessLog { services.append(accessLog) }
        var readiness = [
            ReadinessCheck(name: "database") {
                _ = try await database.firstRow(SQLStatement("SELECT 1 AS ready", table: "health"))
            }
        ]
        var storage = database.storage
        var catalogCache: any CatalogCache = InMemoryCatalogCache()
        let rateLimit = try rateLimit(options.rateLimit ?? environment["EMPORIUM_RATE_LIMIT"])
        var rateLimiter: (any RequestRateLimiter)? = rateLimit.map { InProcessRateLimiter(limit: $0) }
        var eventPublisher: (any EventPublisher)?
        if let redis = try redisClient(url: options.redis ?? environment["EMPORIUM_REDIS_URL"]) {
            services.append(redis)
            storage.carts = RedisCartStore(redis: redis)
            storage.loginAttempts = RedisLoginAttempts(redis: redis, fallback: storage.loginAttempts, logger: logger)
            catalogCache = RedisCatalogCache(redis: redis, logger: logger)
            rateLimiter = rateLimit.map { RedisRateLimiter(redis: redis, limit: $0, logger: logger) }
            eventPublisher = RedisEventStream(redis: redis)
            readiness.append(
                ReadinessCheck(name: "redis", isCritical: false) {
                    try await redis.send(RedisCommand("PING", collection: "health"))
                }
            )
        }
        return (
            ShopDependencies(
                storage: storage,
                gateway: gateway,
                webhooks: webhooks,
                mailer: try mailer(),
                faults: faults,
                catalogCache: catalogCache,
                readiness: readiness,
                services: services,
                startup: [opened.migrate],
                onListening: onListening,
                accessLog: accessLog,
                rateLimiter: rateLimiter,
                eventPublisher: eventPublisher
            ),
            warnings
        )
    }

    /// The rate limit `text` gives, or `nil` without one or for `off`; a wrong one is a usage error naming what
    /// was expected.
    private func rateLimit(_ text: String?) throws -> RateLimit? {
        guard let text, text != "off" else { return nil }
        do {
            return try RateLimit(parsing: text)
        } catch {
            throw ValidationError(
                "--rate-limit / EMPORIUM_RATE_LIMIT: expected requests per window such as 600/min, 20/s or 5000/h, or off; got \"\(text)\""
            )
        }
    }

    /// The Redis client for `url`, or `nil` without one; a wrong URL is a usage error naming what was expected.
    private func redisClient(url: String?) throws -> RedisClient? {
        guard let url else { return nil }
        do {
            let configuration = try RedisConfiguration(url: url)
            logger.notice(
                "redis",
                metadata: [
                    "redis.url": "\(configuration.redactedURL)",
                    "redis.uses": "carts, catalog cache, login throttling, rate limits, event stream",
                ]
            )
            return RedisClient(configuration: configuration, logger: logger)
        } catch {
            throw ValidationError("--redis / EMPORIUM_REDIS_URL: \(error.message)")
        }
    }

    private func paymentGateway(
        webhooks: StripeWebhooks,
        host: String,
        services: inout [any Service],
        onListening: inout [@Sendable (Int) async -> Void]
    ) throws -> any PaymentGateway {
        switch environment["EMPORIUM_PAYMENT_GATEWAY"] ?? "simulated" {
        case "simulated":
            let latency = Int(environment["EMPORIUM_SIMULATED_PAYMENT_LATENCY_MS"] ?? "0") ?? 0
            let address = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
            let gateway = SimulatedPaymentGateway(
                configuration: .init(latency: .milliseconds(latency)),
                webhooks: webhooks,
                logger: logger
            )
            services.append(gateway)
            onListening.append { port in gateway.sendWebhooks(to: "http://\(address):\(port)/api/v1/webhooks/payments")
            }
            return gateway
        case "stripe":
            guard let key = environment["EMPORIUM_STRIPE_API_KEY"] else {
                throw ValidationError("EMPORIUM_STRIPE_API_KEY is required with EMPORIUM_PAYMENT_GATEWAY=stripe")
            }
            let base = environment["EMPORIUM_STRIPE_BASE_URL"] ?? "https://api.stripe.com"
            return StripePaymentGateway(configuration: .init(apiKey: key, baseURL: base))
        case let other:
            throw ValidationError("EMPORIUM_PAYMENT_GATEWAY=\(other): expected simulated or stripe")
        }
    }

    private func accessLog(path option: String?) throws -> AccessLog? {
        guard let path = option ?? environment["EMPORIUM_ACCESS_LOG"] else { return nil }
        do {
            return try AccessLog(path: path)
        } catch {
            throw ValidationError("--access-log: \(error)")
        }
    }

    private func mailer() throws -> any Mailer {
        let sender = environment["EMPORIUM_MAIL_FROM"] ?? "Emporium <shop@emporium.localhost>"
        if let url = environment["EMPORIUM_SMTP_URL"] {
            do {
                return try SMTPMailer(url: url, sender: sender)
            } catch {
                throw ValidationError("EMPORIUM_SMTP_URL: \(error)")
            }
        }
        return MaildirMailer(directory: environment["EMPORIUM_MAILDIR"] ?? "./.emporium/mail", sender: sender)
    }
}
