import EmporiumCore
import EmporiumIntegrations
import Foundation
import Testing

@Suite("Mailers: SMTP against aiosmtpd, maildir")
struct MailerTests {
    static let environment = ProcessInfo.processInfo.environment
    /// The SMTP server `make test` starts; under CI its absence is a failure, not a skip.
    static let smtpURL = environment["EMPORIUM_TEST_SMTP_URL"]
    static let spool = environment["EMPORIUM_TEST_SMTP_SPOOL"]
    static let smtpRequired = smtpURL != nil || environment["CI"] == "true"

    static func message(_ id: String) throws -> MailMessage {
        MailMessage(
            id: id,
            to: try EmailAddress("ada@example.com"),
            subject: "Bestätigung: order 1a2b",
            body: "Hello Ada,\n.this line starts with a dot\nÜmlauts survive.\n"
        )
    }

    @Test(
        "a message reaches a real SMTP server whole: envelope, encoded subject, dot-stuffed lines, UTF-8 body",
        .enabled(if: smtpRequired, "no SMTP server: run under `make test` (EMPORIUM_TEST_SMTP_URL)")
    )
    func smtpDelivery() async throws {
        let url = try #require(Self.smtpURL, "EMPORIUM_TEST_SMTP_URL is not set")
        let spool = try #require(Self.spool)
        let id = "smtp-\(UUID())"
        try await SMTPMailer(url: url, sender: "Emporium <shop@example.com>").send(try Self.message(id))
        let delivered = try Self.spooled(in: spool, containing: id)
        #expect(delivered.text.contains("Subject: =?UTF-8?B?"))
        #expect(delivered.text.contains("\r\n.this line starts with a dot\r\n"))
        #expect(delivered.text.contains("Ümlauts survive."))
        #expect(delivered.envelope["mail_from"] as? String == "shop@example.com")
        #expect(delivered.envelope["rcpt_tos"] as? [String] == ["ada@example.com"])
    }

    @Test(
        "AUTH PLAIN with the right password delivers; a wrong one is refused with the server's reply",
        .enabled(if: smtpRequired, "no SMTP server: run under `make test` (EMPORIUM_TEST_SMTP_URL)")
    )
    func smtpAuthentication() async throws {
        let url = try #require(Self.smtpURL, "EMPORIUM_TEST_SMTP_URL is not set")
        let authenticated = url.replacingOccurrences(of: "smtp://", with: "smtp://emporium:secret@")
        let id = "auth-\(UUID())"
        try await SMTPMailer(url: authenticated, sender: "shop@example.com").send(try Self.message(id))
        _ = try Self.spooled(in: try #require(Self.spool), containing: id)
        let wrong = url.replacingOccurrences(of: "smtp://", with: "smtp://emporium:guess@")
        await #expect(throws: SMTPError.self) {
            try await SMTPMailer(url: wrong, sender: "shop@example.com").send(try Self.message("wrong"))
        }
    }

    @Test("an SMTP URL that is not one is refused, naming it")
    func badURL() {
        #expect(throws: DomainError(.invalidInput, "")) {
            try SMTPMailer(url: "http://mail.example.com", sender: "a@b.c")
        }
    }

    @Test("maildir: the message lands in new/ in one piece; the same message delivered twice is one file")
    func maildir() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mailer = MaildirMailer(directory: folder.path, sender: "shop@example.com")
        try await mailer.send(try Self.message("event-1"))
        try await mailer.send(try Self.message("event-1"))
        try await mailer.send(try Self.message("event-2"))
        let delivered = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("new").path)
        #expect(delivered.sorted() == ["event-1.emporium", "event-2.emporium"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("tmp").path).isEmpty)
        let text = try String(contentsOf: folder.appendingPathComponent("new/event-1.emporium"), encoding: .utf8)
        #expect(text.hasPrefix("From: shop@example.com\r\nTo: ada@example.com\r\n"))
        #expect(text.contains("Message-ID: <event-1@emporium>"))
    }

    /// The spooled message whose text contains `marker`, with its envelope.
    static func spooled(in spool: String, containing marker: String) throws -> (text: String, envelope: [String: Any]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".eml") }
        for name in names {
            let text = try String(contentsOfFile: "\(spool)/\(name)", encoding: .utf8)
            guard text.contains(marker) else { continue }
            let meta = try Data(contentsOf: URL(fileURLWithPath: "\(spool)/\(name.dropLast(4)).json"))
            return (text, try JSONSerialization.jsonObject(with: meta) as? [String: Any] ?? [:])
        }
        throw MailNotFound(marker: marker)
    }

    struct MailNotFound: Error {
        let marker: String
    }
}
