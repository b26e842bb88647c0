import Foundation

/// Text with `{{variable}}` placeholders, filled from a virtual user's variables at request time.
///
/// Variables are data-file columns (`shoppers.email`), values extracted by earlier steps (`token`), and the
/// built-ins `vu` (the virtual user's number), `iteration` (its iteration number) and `uuid` (new each time).
public struct Template: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        case variable(String)
    }

    let parts: [Part]
    /// The text as written.
    public let source: String

    /// The names of the variables the text uses.
    public var variables: [String] {
        parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }

    /// A text sent as it is, braces and all (a replayed path).
    init(literal text: String) {
        source = text
        parts = text.isEmpty ? [] : [.text(text)]
    }

    /// Parses a text; `nil` when a `{{` is not closed.
    init?(_ text: String) {
        source = text
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else { return nil }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            parts.append(.variable(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The text with every variable replaced.
    /// - Throws: ``TemplateError`` naming a variable that has no value.
    func render(_ variables: Variables) throws(TemplateError) -> String {
        try render(variables, encodingValues: { $0 })
    }

    /// The text as a request target: every variable replaced, with what a request target cannot carry percent-
    /// encoded in the values (spaces, non-ASCII, quotes, `#`, `<>`, braces…), so `q={{term}}` with the value
    /// `wireless earbuds` sends `q=wireless%20earbuds`. `/`, `?`, `&`, `=` and `%` stay as they are: a value can
    /// be a whole path or an already encoded query.
    /// - Throws: ``TemplateError`` naming a variable that has no value.
    func renderRequestTarget(_ variables: Variables) throws(TemplateError) -> String {
        try render(variables, encodingValues: Self.percentEncodingUnsafeCharacters)
    }

    private func render(
        _ variables: Variables,
        encodingValues encode: (String) -> String
    ) throws(TemplateError) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .variable(let name):
                guard let value = variables.value(of: name) else { throw TemplateError(variable: name) }
                text += encode(value)
            }
        }
        return text
    }

    /// Bytes a request target may carry as they are: RFC 3986's unreserved and reserved characters (but `#`,
    /// which would start a fragment) and `%`.
    private static let requestTargetBytes = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?[]@!$&'()*+,;=%".utf8
    )

    private static func percentEncodingUnsafeCharacters(_ value: String) -> String {
        guard !value.utf8.allSatisfy(requestTargetBytes.contains) else { return value }
        var encoded = ""
        for byte in value.utf8 {
            if requestTargetBytes.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}

/// A template used a variable that has no value in this iteration (an extraction that failed).
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var variable: String
    public var description: String { "the variable \(variable) has no value" }
}
