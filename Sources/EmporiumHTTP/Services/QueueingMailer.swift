import EmporiumCore
import Logging
import ServiceLifecycle

/// A mailer that answers at once and sends in the background, retrying each message three times.
///
/// Sign-up and password-reset answers use it, so they take the same time whether or not an account exists
/// (and whether or not the mail server is slow). The queue lives in memory: messages still queued when the
/// process dies are lost, and the user asks again; order notifications go through the durable outbox instead.
/// On graceful shutdown the queue stops taking messages and sends what it holds.
final class QueueingMailer: Mailer, Service {
    static let attempts = 3

    private let mailer: any Mailer
    private let logger: Logger
    private let queue: AsyncStream<MailMessage>
    private let continuation: AsyncStream<MailMessage>.Continuation

    /// Wraps the mailer that really sends.
    init(sending mailer: any Mailer, logger: Logger) {
        self.mailer = mailer
        self.logger = logger
        (queue, continuation) = AsyncStream.makeStream(of: MailMessage.self, bufferingPolicy: .bufferingNewest(10_000))
    }

    func send(_ message: MailMessage) async throws {
        continuation.yield(message)
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            for await message in queue {
                await deliver(message)
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }

    private func deliver(_ message: MailMessage) async {
        for attempt in 1...Self.attempts {
            do {
                try await mailer.send(message)
                return
            } catch {
                logger.warning(
                    "mail not sent",
                    metadata: ["message": "\(message.id)", "attempt": "\(attempt)", "error": "\(error)"]
                )
                try? await Task.sleep(for: .seconds(1 << (2 * (attempt - 1))))
            }
        }
        logger.error("mail dropped after \(Self.attempts) attempts", metadata: ["message": "\(message.id)"])
    }
}
