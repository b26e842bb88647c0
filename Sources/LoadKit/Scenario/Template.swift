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
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .variable(let name):
                guard let value = variables.value(of: name) else { throw TemplateError(variable: name) }
                text += value
            }
        }
        return text
    }
}

/// A template used a variable that has no value in this iteration (an extraction that failed).
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var variable: String
    public var description: String { "the variable \(variable) has no value" }
}
