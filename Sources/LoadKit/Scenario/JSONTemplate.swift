/// A JSON body written in YAML, whose strings may hold `{{variables}}`.
public indirect enum JSONTemplate: Sendable {
    case object([(key: String, value: JSONTemplate)])
    case array([JSONTemplate])
    case string(Template)
    /// A number, `true`, `false` or `null`, as JSON text.
    case literal(String)

    /// The variables its strings use.
    var variables: [String] {
        switch self {
        case .object(let members): members.flatMap(\.value.variables)
        case .array(let elements): elements.flatMap(\.variables)
        case .string(let template): template.variables
        case .literal: []
        }
    }

    /// The JSON text with every variable filled in.
    func render(_ variables: Variables) throws(TemplateError) -> String {
        var json = ""
        try render(into: &json, variables)
        return json
    }

    private func render(into json: inout String, _ variables: Variables) throws(TemplateError) {
        switch self {
        case .object(let members):
            json += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { json += "," }
                Self.quote(member.key, into: &json)
                json += ":"
                try member.value.render(into: &json, variables)
            }
            json += "}"
        case .array(let elements):
            json += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { json += "," }
                try element.render(into: &json, variables)
            }
            json += "]"
        case .string(let template): Self.quote(try template.render(variables), into: &json)
        case .literal(let text): json += text
        }
    }

    /// A JSON string literal.
    static func quote(_ text: String, into json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
