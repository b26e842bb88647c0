import ArgumentParser
import EmporiumHTTP
import Logging

/// `serve`'s flags; each falls back to an `EMPORIUM_*` variable, then to its default.
struct ServeOptions: ParsableArguments {
    @Option(help: "Address to listen on [env: EMPORIUM_HOST] (default: 127.0.0.1)")
    var host: String?

    @Option(help: "Port to listen on [env: EMPORIUM_PORT] (default: 8080)")
    var port: Int?

    @Option(
        help:
            "Services to serve, comma-separated: auth,catalog,cart,orders,payments,notifications,admin [env: EMPORIUM_SERVICES] (default: all)"
    )
    var services: String?

    @Option(
        help: "Log every shop request as a JSON line to this file, for emporium-load replay [env: EMPORIUM_ACCESS_LOG]"
    )
    var accessLog: String?

    @Option(
        help:
            "Redis for carts, the shared catalog cache, login throttling and the order event stream (emporium:events): redis://[user:password@]host[:port][/database] [env: EMPORIUM_REDIS_URL] (default: none; carts stay in the database, the cache in this process)"
    )
    var redis: String?

    @Option(
        help:
            "Requests each client address may make to /api/v1, such as 600/min, 20/s or 5000/h, or off; shared through Redis with --redis [env: EMPORIUM_RATE_LIMIT] (default: off)"
    )
    var rateLimit: String?

    @OptionGroup var database: DatabaseOptions
}
