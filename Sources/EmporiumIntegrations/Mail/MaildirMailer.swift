public import EmporiumCore
import Foundation
import NIOPosix

/// Delivers email into a maildir folder (`new/`, `cur/`, `tmp/`), the embedded default: any mail reader
/// opens it, and tests read it as files.
///
/// A message is written to `tmp/` and renamed into `new/`, so a reader never sees half a message. Its file
/// name comes from the message id: delivering the same message twice leaves one file.
public struct MaildirMailer: Mailer {
    /// The maildir's folder.
    public let directory: String
    /// The `From` address.
    public let sender: String

    /// Creates the mailer; the folder and its subfolders are created on first delivery.
    public init(directory: String, sender: String = "Emporium <shop@emporium.localhost>") {
        self.directory = directory
        self.sender = sender
    }

    public func send(_ message: MailMessage) async throws {
        let text = message.rfc5322(from: sender)
        let directory = directory
        try await NIOThreadPool.singleton.runIfActive {
            let manager = FileManager.default
            for folder in ["tmp", "new", "cur"] {
                try manager.createDirectory(atPath: "\(directory)/\(folder)", withIntermediateDirectories: true)
            }
            let name = "\(Self.fileName(message.id)).emporium"
            let temporary = "\(directory)/tmp/\(name)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, "\(directory)/new/\(name)") == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "\(directory)/new/\(name)"])
            }
        }
    }

    /// The id with anything but letters, digits, `-` and `_` replaced, so it is a safe file name.
    static func fileName(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
