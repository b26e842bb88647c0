/// A plain-text email to one recipient.
public struct MailMessage: Sendable, Hashable {
    /// Unique per message and stable across retries (an outbox event id), so a redelivered message keeps its
    /// `Message-ID` and file name and receivers can tell it is the same message.
    public var id: String
    public var to: EmailAddress
    public var subject: String
    public var body: String

    /// Creates a message.
    public init(id: String, to: EmailAddress, subject: String, body: String) {
        self.id = id
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Delivers email: over SMTP in production, into a maildir folder for the embedded default.
public protocol Mailer: Sendable {
    /// Sends a message; throws when the mail server refused it or could not be reached.
    func send(_ message: MailMessage) async throws
}
