public import EmporiumCore
public import Foundation

extension MailMessage {
    /// The message as Internet Message Format text (RFC 5322) with CRLF line ends: headers with a stable
    /// `Message-ID` made from ``id``, a UTF-8 plain-text body, non-ASCII subjects encoded per RFC 2047.
    public func rfc5322(from sender: String, date: Date = Date()) -> String {
        let headers = [
            "From: \(sender)",
            "To: \(to)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.dateFormatter.string(from: date))",
            "Message-ID: <\(id)@emporium>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        return (headers + [""] + lines).joined(separator: "\r\n") + "\r\n"
    }

    /// ASCII text as it is; anything else as `=?UTF-8?B?…?=`.
    static func encodedWord(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ (32..<127).contains($0) }) else { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter
    }()
}
