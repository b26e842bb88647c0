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

    /// RFC 6901: `/items/0/id`; `~1` is `/` and `~0` is `~` in a token. As an extension, `*` in place of an
    /// array index matches every element, and one of the values found is taken at random (`/items/*/id`: the
    /// id of any listed item).
    func resolve(_ pointer: String) -> JSONValue? {
        matches(pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst()).randomElement()
    }

    private func matches(_ tokens: ArraySlice<Substring>) -> [JSONValue] {
        guard let raw = tokens.first else { return [self] }
        let rest = tokens.dropFirst()
        let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        switch self {
        case .object(let members):
            return members[token]?.matches(rest) ?? []
        case .array(let elements):
            if token == "*" { return elements.flatMap { $0.matches(rest) } }
            guard let index = Int(token), elements.indices.contains(index) else { return [] }
            return elements[index].matches(rest)
        default: return []
        }
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

extension Extraction.Source: CustomStringConvertible {
    /// The source as a failure reason names it: `JSON pointer /items/0/id`, `header Location`, `regex …`.
    public var description: String {
        switch self {
        case .jsonPointer(let pointer): "JSON pointer \(pointer)"
        case .header(let name): "header \(name)"
        case .regex(let pattern): "regex \(pattern)"
        }
    }
}
