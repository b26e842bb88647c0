import Logging
import ServiceLifecycle

/// Runs a pass over and over until graceful shutdown: the pass says how long to wait before the next one, a
/// failing pass is retried after a backoff that doubles up to a minute. A pass that has started always
/// finishes; only the wait between passes is cut short by shutdown.
struct PeriodicService: Service {
    /// The longest wait after failures.
    static let maximumBackoff = Duration.seconds(60)

    let name: String
    let logger: Logger
    let pass: @Sendable () async throws -> Duration

    /// Creates the service.
    /// - Parameters:
    ///   - name: for logs.
    ///   - pass: one round of work; returns the wait before the next.
    init(name: String, logger: Logger, pass: @escaping @Sendable () async throws -> Duration) {
        self.name = name
        self.logger = logger
        self.pass = pass
    }

    func run() async throws {
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let wait: Duration
            do {
                wait = try await pass()
                failures = 0
            } catch {
                failures += 1
                wait = Self.backoff(afterFailures: failures)
                logger.error(
                    "\(name) failed; retrying",
                    metadata: ["error": "\(error)", "failures": "\(failures)", "retry_in": "\(wait)"]
                )
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
    }

    /// One second, doubled for every further failure, at most ``maximumBackoff``.
    static func backoff(afterFailures failures: Int) -> Duration {
        min(.seconds(1 << min(failures - 1, 6)), maximumBackoff)
    }
}
