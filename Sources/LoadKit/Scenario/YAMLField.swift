import Foundation
import Yams

/// A node of a scenario file with its path, so every complaint names the file, the line and the field.
struct YAMLField {
    let node: Node
    let path: String
    let file: String

    /// An error about this field.
    func error(_ message: String) -> ScenarioError {
        ScenarioError(file: file, line: (node.mark?.line ?? 0), field: path, message: message)
    }

    /// A child path: `scenarios[0]`, `scenarios[0].rate`.
    func child(_ key: String, _ node: Node) -> YAMLField {
        YAMLField(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The members of a mapping, refusing keys not in `allowed` (a typo would otherwise be ignored silently).
    func members(allowed: Set<String>? = nil) throws(ScenarioError) -> [(key: String, value: YAMLField)] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value lines)") }
        var members: [(String, YAMLField)] = []
        for (key, value) in mapping {
            guard let name = key.string else { throw error("expected text keys") }
            if let allowed, !allowed.contains(name) {
                let field = child(name, key)
                throw field.error("unknown field; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            members.append((name, child(name, value)))
        }
        return members
    }

    /// A member, if present.
    subscript(_ key: String) -> YAMLField? {
        node.mapping?[key].map { child(key, $0) }
    }

    /// A member that must be present.
    func required(_ key: String, _ expectation: String) throws(ScenarioError) -> YAMLField {
        guard let field = self[key] else {
            throw ScenarioError(
                file: file,
                line: node.mark?.line ?? 0,
                field: path.isEmpty ? key : "\(path).\(key)",
                message: "is required: \(expectation)"
            )
        }
        return field
    }

    func elements() throws(ScenarioError) -> [YAMLField] {
        guard let sequence = node.sequence else { throw error("expected a list (lines starting with -)") }
        return sequence.enumerated().map { YAMLField(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func text() throws(ScenarioError) -> String {
        guard let scalar = node.scalar else { throw error("expected text") }
        return scalar.string
    }

    func template() throws(ScenarioError) -> Template {
        guard let template = Template(try text()) else { throw error("a {{variable}} is not closed") }
        return template
    }

    func number(_ expectation: String) throws(ScenarioError) -> Double {
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw error("expected \(expectation), got \"\(node.scalar?.string ?? "a structure")\"")
        }
        return value
    }

    func integer(_ expectation: String, minimum: Int = 0) throws(ScenarioError) -> Int {
        guard let value = node.int, value >= minimum else {
            throw error("expected \(expectation), got \"\(node.scalar?.string ?? "a structure")\"")
        }
        return value
    }

    func duration() throws(ScenarioError) -> Duration {
        guard let duration = DurationText.parse(try text()), duration >= .zero else {
            throw error("expected a duration such as 500ms, 10s or 1m30s, got \"\(node.scalar?.string ?? "")\"")
        }
        return duration
    }

    /// Headers as a mapping of names to templated values.
    func headers() throws(ScenarioError) -> [(name: String, value: Template)] {
        try members().map { member throws(ScenarioError) in (member.key, try member.value.template()) }
    }

    /// A JSON body written in YAML: quoted scalars are strings, plain numbers, booleans and null stay so.
    func jsonTemplate() throws(ScenarioError) -> JSONTemplate {
        switch node {
        case .mapping:
            return .object(
                try members().map { member throws(ScenarioError) in (member.key, try member.value.jsonTemplate()) }
            )
        case .sequence:
            return .array(try elements().map { element throws(ScenarioError) in try element.jsonTemplate() })
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                if node.null != nil { return .literal("null") }
                if let bool = node.bool { return .literal(bool ? "true" : "false") }
                if let int = node.int { return .literal(String(int)) }
                if let double = node.float, double.isFinite { return .literal(String(double)) }
            }
            return .string(try template())
        case .alias:
            throw error("YAML aliases are not supported here")
        }
    }
}
