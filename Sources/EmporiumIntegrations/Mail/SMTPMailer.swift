public import EmporiumCore
import Foundation
import NIOCore
import NIOPosix

/// Delivers email over SMTP (RFC 5321): one connection per message, `EHLO`, optional `AUTH PLAIN`,
/// `MAIL FROM`, `RCPT TO`, `DATA` with dot-stuffing, `QUIT`, all within a timeout.
///
/// The connection is plain TCP: point it at a local relay or a sidecar (Postfix, Mailpit) that handles TLS
/// onward. A refused or unreachable server throws ``SMTPError``; the outbox keeps the event and retries.
///
/// ```swift
/// let mailer = try SMTPMailer(url: "smtp://127.0.0.1:1025", sender: "Emporium <shop@example.com>")
/// try await mailer.send(message)
/// ```
public struct SMTPMailer: Mailer {
    /// Where the server is and who the mail is from.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// For `AUTH PLAIN`, when the URL has them.
        public var username: String?
        public var password: String?
        /// The `From` header; its address (inside `<>`, or the whole) is the envelope sender.
        public var sender: String
        /// The longest one delivery (connecting included) may take.
        public var timeout: Duration

        /// Creates the configuration.
        public init(
            host: String,
            port: Int = 25,
            username: String? = nil,
            password: String? = nil,
            sender: String,
            timeout: Duration = .seconds(30)
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.sender = sender
            self.timeout = timeout
        }
    }

    public let configuration: Configuration

    /// Creates the mailer.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Creates the mailer from `smtp://[user:password@]host[:port]`.
    /// - Throws: ``DomainError`` naming `smtp_url` when the URL is not one.
    public init(url: String, sender: String) throws {
        guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host,
            !host.isEmpty
        else { throw DomainError.invalid("smtp_url", "smtp://[user:password@]host[:port], got \"\(url)\"") }
        self.init(
            configuration: Configuration(
                host: host,
                port: components.port ?? 25,
                username: components.user?.removingPercentEncoding,
                password: components.password?.removingPercentEncoding,
                sender: sender
            )
        )
    }

    public func send(_ message: MailMessage) async throws {
        let configuration = configuration
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Self.deliver(message, configuration: configuration) }
            group.addTask {
                try await Task.sleep(for: configuration.timeout)
                throw SMTPError(step: "delivery", reply: "no answer within \(configuration.timeout)")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private static func deliver(_ message: MailMessage, configuration: Configuration) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(configuration.timeout.nanoseconds))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            try await session.deliver(message, configuration: configuration)
        }
    }
}

/// An SMTP server's refusal, or a broken conversation.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    /// The step that failed (`MAIL FROM`, `DATA`, …).
    public var step: String
    /// The server's reply, or what went wrong.
    public var reply: String

    public var description: String { "SMTP \(step) failed: \(reply)" }
}
