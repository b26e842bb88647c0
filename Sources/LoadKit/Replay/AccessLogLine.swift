import Foundation

/// One line of an access log: `{"time": RFC 3339, "method", "path", "route"?, "status"?, …}`; other fields are
/// ignored.
struct AccessLogLine {
    var time: Date
    var method: String
    var path: String
    var route: String?
    var status: Int?

    /// Reads a line; errors name the file, line and field.
    init(_ text: Substring, file: String, line: Int) throws(ScenarioError) {
        func error(_ field: String, _ message: String) -> ScenarioError {
            ScenarioError(file: file, line: line, field: field, message: message)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw error("", "expected a JSON object on each line")
        }
        guard let timeText = object["time"] as? String, let time = Self.parseTime(timeText) else {
            throw error("time", "expected an RFC 3339 time such as 2026-12-06T05:53:02.123Z")
        }
        guard let method = object["method"] as? String, !method.isEmpty, method.allSatisfy(\.isLetter) else {
            throw error("method", "expected an HTTP method such as GET")
        }
        guard let path = object["path"] as? String, path.hasPrefix("/") else {
            throw error("path", "expected a path starting with /")
        }
        if let status = object["status"], !(status is NSNull) {
            guard let code = status as? Int, (100...599).contains(code) else {
                throw error("status", "expected an HTTP status from 100 to 599")
            }
            self.status = code
        }
        self.time = time
        self.method = method.uppercased()
        self.path = path
        route = object["route"] as? String
    }

    /// The request to send: the recorded method and path, expecting the recorded status.
    var step: RequestStep {
        let resource = route ?? String(path.prefix { $0 != "?" })
        return RequestStep(
            name: "\(method) \(resource)",
            oncePerVU: false,
            method: method,
            path: Template(literal: path),
            headers: [],
            body: nil,
            checks: status.map { [.status([$0])] } ?? [],
            extractions: []
        )
    }

    private static let fractionalTime = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeTime = Date.ISO8601FormatStyle()

    private static func parseTime(_ text: String) -> Date? {
        (try? fractionalTime.parse(text)) ?? (try? wholeTime.parse(text))
    }
}
