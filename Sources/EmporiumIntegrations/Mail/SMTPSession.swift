import EmporiumCore
import Foundation
import NIOCore

/// One SMTP conversation over an open connection: commands out, numbered replies in.
struct SMTPSession {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.inbound = inbound
        self.outbound = outbound
    }

    mutating func deliver(_ message: MailMessage, configuration: SMTPMailer.Configuration) async throws {
        try await expect(220, step: "greeting")
        try await command("EHLO emporium.localhost", expecting: 250)
        if let username = configuration.username, let password = configuration.password {
            let credentials = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try await command("AUTH PLAIN \(credentials)", expecting: 235, step: "AUTH")
        }
        try await command("MAIL FROM:<\(Self.address(in: configuration.sender))>", expecting: 250)
        try await command("RCPT TO:<\(message.to)>", expecting: 250, 251)
        try await command("DATA", expecting: 354)
        try await send(Self.dotStuffed(message.rfc5322(from: configuration.sender)) + ".\r\n")
        try await expect(250, step: "message")
        try await command("QUIT", expecting: 221)
    }

    /// Lines starting with a dot get a second one (RFC 5321 §4.5.2).
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }

    /// `shop@example.com` from `Emporium <shop@example.com>`, or the text itself.
    static func address(in sender: String) -> String {
        guard let open = sender.lastIndex(of: "<"), let close = sender.lastIndex(of: ">"), open < close else {
            return sender
        }
        return String(sender[sender.index(after: open)..<close])
    }

    private mutating func command(_ line: String, expecting codes: Int..., step: String? = nil) async throws {
        try await send(line + "\r\n")
        try await expect(codes, step: step ?? String(line.prefix { $0 != ":" && $0 != " " }))
    }

    private func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    private mutating func expect(_ codes: Int..., step: String) async throws {
        try await expect(codes, step: step)
    }

    /// Reads one reply (its continuation lines `250-…` up to the last `250 …`) and checks its code.
    private mutating func expect(_ codes: [Int], step: String) async throws {
        var lines: [String] = []
        while true {
            let line = try await nextLine(step: step)
            lines.append(line)
            let bytes = Array(line.utf8)
            if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") { break }
        }
        let reply = lines.joined(separator: " | ")
        guard let code = Int(reply.prefix(3)), codes.contains(code) else { throw SMTPError(step: step, reply: reply) }
    }

    private mutating func nextLine(step: String) async throws -> String {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[..<end].last == UInt8(ascii: "\r") ? pending[..<(end - 1)] : pending[..<end]
                defer { pending.removeSubrange(...end) }
                return String(decoding: line, as: UTF8.self)
            }
            guard let buffer = try await inbound.next() else {
                throw SMTPError(step: step, reply: "the server closed the connection")
            }
            pending += buffer.readableBytesView
        }
    }
}
