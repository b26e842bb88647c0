import CHiredis
import Glibc

/// One hiredis connection. Every call blocks its thread, so the ``RedisClient`` runs them on its thread pool,
/// one caller at a time; a connection that failed (I/O error, timeout, protocol error) is marked broken and
/// must be dropped, as hiredis leaves it unusable.
final class RedisConnection: @unchecked Sendable {
    private let context: UnsafeMutablePointer<redisContext>
    /// Set when a call failed in a way that leaves the connection unusable.
    private(set) var isBroken = false

    private init(context: UnsafeMutablePointer<redisContext>) {
        self.context = context
    }

    deinit { redisFree(context) }

    /// Connects, authenticates and selects the database.
    /// - Throws: ``RedisError/Code/connectionFailed`` with hiredis' or the server's reason.
    static func open(_ configuration: RedisConfiguration) throws(RedisError) -> RedisConnection {
        guard
            let context = redisConnectWithTimeout(
                configuration.host,
                Int32(configuration.port),
                timeval(configuration.connectTimeout)
            )
        else { throw RedisError(.connectionFailed, "hiredis could not allocate a connection") }
        if context.pointee.err != 0 {
            let reason = Self.errorText(of: context)
            redisFree(context)
            throw RedisError(.connectionFailed, "\(configuration.host):\(configuration.port): \(reason)")
        }
        let connection = RedisConnection(context: context)
        redisSetTimeout(context, timeval(configuration.commandTimeout))
        redisEnableKeepAlive(context)
        do {
            if let password = configuration.password {
                let credentials = configuration.username.map { [$0, password] } ?? [password]
                try connection.expectOK(RedisCommand("AUTH", arguments: credentials, collection: "connection"))
            }
            if configuration.database != 0 {
                try connection.expectOK(RedisCommand("SELECT", configuration.database, collection: "connection"))
            }
        } catch {
            throw RedisError(.connectionFailed, "\(configuration.redactedURL): \(error.message)")
        }
        return connection
    }

    /// Sends one command and reads its answer; an error reply is returned, not thrown.
    func execute(_ arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        let reply = Self.withArgv(arguments) { argc, argv, lengths in
            emporium_redis_command_argv(context, argc, argv, lengths)
        }
        guard let reply else { throw failure() }
        defer { freeReplyObject(reply) }
        return try decode(reply)
    }

    /// Sends every command before reading any answer (one round trip), then reads the answers in order.
    func pipeline(_ commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        for arguments in commands {
            let status = Self.withArgv(arguments) { argc, argv, lengths in
                redisAppendCommandArgv(context, argc, argv, lengths)
            }
            guard status == REDIS_OK else { throw failure() }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var reply: UnsafeMutablePointer<redisReply>?
            guard emporium_redis_get_reply(context, &reply) == REDIS_OK, let reply else { throw failure() }
            defer { freeReplyObject(reply) }
            replies.append(try decode(reply))
        }
        return replies
    }

    private func expectOK(_ command: RedisCommand) throws(RedisError) {
        switch try execute(command.arguments) {
        case .error(let message): throw RedisError(.server, message)
        default: return
        }
    }

    private func decode(_ reply: UnsafeMutablePointer<redisReply>) throws(RedisError) -> RedisReply {
        do {
            return try RedisReply(hiredis: reply)
        } catch {
            isBroken = true
            throw error
        }
    }

    /// The error hiredis recorded, as a ``RedisError``; the connection is broken from then on.
    private func failure() -> RedisError {
        isBroken = true
        let reason = Self.errorText(of: context)
        switch Int32(context.pointee.err) {
        case REDIS_ERR_IO where reason.contains("temporarily unavailable") || reason.contains("timed out"):
            return RedisError(.timeout, "no answer within the command timeout")
        case REDIS_ERR_PROTOCOL: return RedisError(.protocolViolation, reason)
        default: return RedisError(.connectionLost, reason.isEmpty ? "connection closed" : reason)
        }
    }

    private static func errorText(of context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Calls `body` with hiredis' `argc`, `argv` and `argvlen` for binary-safe arguments, kept in one buffer.
    private static func withArgv<Result>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Result
    ) -> Result {
        var joined: [UInt8] = []
        var offsets: [Int] = []
        for argument in arguments {
            offsets.append(joined.count)
            joined += argument
        }
        joined.append(0)  // a valid base address even when every argument is empty
        let lengths = arguments.map(\.count)
        return joined.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { body(Int32(arguments.count), argv.baseAddress!, $0.baseAddress!) }
            }
        }
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
