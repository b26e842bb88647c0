import Foundation
import NIOHTTP1

/// Takes a value out of an answer: a JSON pointer into the body, a header, or a regular expression.
enum AnswerExtraction {
    static func value(_ source: Extraction.Source, body: String, headers: HTTPHeaders) -> String? {
        switch source {
        case .header(let name): return headers[name].first
        case .regex(let pattern):
            guard let regex = try? Regex(pattern), let match = body.firstMatch(of: regex) else { return nil }
            let output = match.output
            return output.count > 1 ? output[1].substring.map(String.init) : String(body[match.range])
        case .jsonPointer(let pointer):
            guard let root = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else { return nil }
            return root.resolve(pointer)?.text
        }
    }
}

/// A parsed JSON document, for JSON pointers.
indirect enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// RFC 6901: `/items/0/id`; `~1` is `/` and `~0` is `~` in a token.
    func resolve(_ pointer: String) -> JSONValue? {
        guard !pointer.isEmpty else { return self }
        var node = self
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[token] else { return nil }
                node = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                node = elements[index]
            default: return nil
            }
        }
        return node
    }

    /// Strings as they are, numbers and booleans as JSON writes them; `nil` for null and structures.
    var text: String? {
        switch self {
        case .string(let string): string
        case .integer(let integer): String(integer)
        case .number(let number): String(number)
        case .bool(let bool): bool ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}
