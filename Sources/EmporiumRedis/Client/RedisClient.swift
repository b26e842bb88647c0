import EmporiumCore
public import Logging
import NIOPosix
public import ServiceLifecycle
import Synchronization

/// Emporium's Redis client: a pool of hiredis connections whose blocking calls run on a thread pool of their
/// own, never on the cooperative pool or an event loop. Every command is a client span (`db.system=redis`) and
/// is timed in `emporium_db_query_duration_seconds`.
///
/// A broken connection is dropped and replaced on the next command; after a failed connection attempt the
/// client backs off (``RedisConfiguration/minimumBackoff`` doubling to ``RedisConfiguration/maximumBackoff``)
/// and fails commands at once meanwhile, so callers can degrade without waiting. Run it as a `Service`: its
/// graceful shutdown closes the connections and stops the threads.
///
/// ```swift
/// let redis = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:6379/0"), logger: logger)
/// try await redis.send(RedisCommand("SET", "greeting", "hello", collection: "demo"))
/// let greeting = try await redis.send(RedisCommand("GET", "greeting", collection: "demo")).string
/// ```
public final class RedisClient: Service, Sendable {
    private typealias Pool = RedisPoolStateMachine<RedisConnection, CheckedContinuation<RedisConnection?, Never>>

    public let configuration: RedisConfiguration
    private let threads: NIOThreadPool
    private let pool: Mutex<Pool>
    private let instrumentation = QueryInstrumentation(system: "redis")
    private let logger: Logger

    public init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: max(configuration.poolSize, 1))
        threads.start()
        pool = Mutex(
            Pool(
                size: max(configuration.poolSize, 1),
                minimumBackoff: configuration.minimumBackoff,
                maximumBackoff: configuration.maximumBackoff
            )
        )
    }

    /// Waits for graceful shutdown, then closes the connections and stops the threads.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutDown()
    }

    /// Closes the idle connections, fails waiting callers, and stops the threads once the running calls end.
    public func shutDown() async {
        let (idle, waiters) = pool.withLock { $0.shutDown() }
        for waiter in waiters { waiter.resume(returning: nil) }
        withExtendedLifetime(idle) {}
        try? await threads.shutdownGracefully()
    }

    /// Sends a command and returns its answer.
    /// - Throws: ``RedisError``: ``RedisError/Code/server`` for an error reply (with its text), or why there was
    ///   no answer.
    @discardableResult
    public func send(_ command: RedisCommand) async throws -> RedisReply {
        try await instrumentation.measure(command.name, table: command.collection) {
            let reply = try await withConnection { try $0.execute(command.arguments) }
            if case .error(let message) = reply { throw RedisError(.server, message) }
            return reply
        }
    }

    /// Sends the commands in one round trip and returns their answers in order; a command's error reply stands
    /// in its place as ``RedisReply/error(_:)``.
    /// - Throws: ``RedisError`` when the connection failed.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        let operation = Set(commands.map(\.name)).count == 1 ? commands[0].name : "PIPELINE"
        let collection = Set(commands.map(\.collection)).count == 1 ? commands[0].collection : "mixed"
        return try await instrumentation.measure(operation, table: collection) {
            try await withConnection { try $0.pipeline(commands.map(\.arguments)) }
        }
    }

    /// Runs `body` with a leased connection on the thread pool. A connection that was reused and turns out
    /// dead (Redis restarted) is replaced with the other idle ones, and `body` runs once more on a new one:
    /// nothing reached a server through a dead socket.
    private func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (RedisConnection) throws -> Result
    ) async throws -> Result {
        let (connection, reused) = try await lease()
        do {
            return try await run(body, on: connection)
        } catch let error as RedisError where reused && error.code == .connectionLost {
            let dead = pool.withLock { $0.dropIdle() }
            logger.info(
                "redis connection lost; reconnecting",
                metadata: ["redis.reason": "\(error.message)", "redis.idle_dropped": "\(dead.count)"]
            )
            return try await run(body, on: try await lease().0)
        }
    }

    /// Runs `body` on the thread pool, then gives the connection back (dropped if it broke).
    private func run<Result: Sendable>(
        _ body: @escaping @Sendable (RedisConnection) throws -> Result,
        on connection: RedisConnection
    ) async throws -> Result {
        defer { release(connection) }
        return try await threads.runIfActive { try body(connection) }
    }

    /// A connection, and whether it was opened before (so it may have died since).
    private func lease() async throws -> (RedisConnection, reused: Bool) {
        while true {
            var decision = Pool.LeaseAction.wait
            // The waiter is registered in the same critical section that finds no connection free.
            let handed = await withCheckedContinuation { (waiter: CheckedContinuation<RedisConnection?, Never>) in
                decision = pool.withLock { $0.lease(waiter, at: .now) }
                if case .wait = decision { return }
                waiter.resume(returning: nil)
            }
            if let handed { return (handed, true) }
            switch decision {
            case .use(let connection): return (connection, true)
            case .open: return (try await open(), false)
            case .fail(let error): throw error
            case .wait: continue  // woken without a connection: one was dropped or failed; decide again
            }
        }
    }

    private func open() async throws -> RedisConnection {
        let configuration = configuration
        do {
            let connection = try await threads.runIfActive { try RedisConnection.open(configuration) }
            pool.withLock { $0.opened() }
            return connection
        } catch {
            let failure = error as? RedisError ?? RedisError(.unavailable, "the Redis client is shut down")
            let handoff = pool.withLock { $0.openFailed(at: .now) }
            perform(handoff)
            logger.warning("redis connection failed", metadata: ["redis.reason": "\(failure.message)"])
            throw failure
        }
    }

    private func release(_ connection: RedisConnection) {
        perform(pool.withLock { $0.release(connection, broken: connection.isBroken) })
    }

    private func perform(_ handoff: Pool.Handoff) {
        switch handoff {
        case .none: break
        case .hand(let connection, let waiter): waiter.resume(returning: connection)
        case .wake(let waiters): for waiter in waiters { waiter.resume(returning: nil) }
        }
    }
}
