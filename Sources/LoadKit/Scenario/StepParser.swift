import Yams

/// Reads the `journeys`: each a list of request steps and pauses. Every `{{variable}}` must be one the
/// virtual user will have: a data column, a value an earlier step extracts, or a built-in.
struct StepParser {
    static let methods = ["get", "post", "put", "patch", "delete", "head"]
    static let requestKeys: Set<String> = Set(methods).union([
        "name", "once", "headers", "json", "body", "check", "extract",
    ])

    let data: [String: DataSource]

    func journeys(_ field: YAMLField) throws(ScenarioError) -> [String: Journey] {
        var journeys: [String: Journey] = [:]
        for (name, steps) in try field.members() {
            var known = Variables.builtIns
            for source in data.values { known.formUnion(source.columns.map { "\(source.name).\($0)" }) }
            var parsed: [Step] = []
            for element in try steps.elements() {
                parsed.append(try step(element, known: &known))
            }
            guard !parsed.isEmpty else { throw steps.error("a journey needs at least one step") }
            journeys[name] = Journey(name: name, steps: parsed)
        }
        return journeys
    }

    private func step(_ field: YAMLField, known: inout Set<String>) throws(ScenarioError) -> Step {
        if let think = field["think"] {
            _ = try field.members(allowed: ["think"])
            return try pause(think)
        }
        let members = try field.members(allowed: Self.requestKeys)
        let verbs = members.filter { Self.methods.contains($0.key) }
        guard verbs.count == 1, let verb = verbs.first else {
            throw field.error(
                "a step needs exactly one of \(Self.methods.joined(separator: ", ")) with a path, or think"
            )
        }
        let path = try verb.value.template()
        if field["json"] != nil, field["body"] != nil { throw field.error("a step sends json or body, not both") }
        var body: RequestBody?
        if let json = field["json"] { body = .json(try json.jsonTemplate()) }
        if let text = field["body"] { body = .text(try text.template()) }
        let headers = try field["headers"]?.headers() ?? []
        let used = path.variables + headers.flatMap(\.value.variables) + (body?.variables ?? [])
        for name in used where !known.contains(name) {
            throw field.error(
                "{{\(name)}} is neither a data column, a value an earlier step extracts, nor vu, iteration or uuid"
            )
        }
        var extractions: [Extraction] = []
        if let extract = field["extract"] { extractions = try Self.extractions(extract) }
        known.formUnion(extractions.map(\.variable))
        let once = try field["once"]?.text()
        if let once, once != "per-vu" {
            throw field.child("once", field["once"]!.node).error("expected per-vu, got \"\(once)\"")
        }
        let name = try field["name"]?.text() ?? "\(verb.key.uppercased()) \(path.source)"
        return .request(
            RequestStep(
                name: name,
                oncePerVU: once != nil,
                method: verb.key.uppercased(),
                path: path,
                headers: headers,
                body: body,
                checks: try checks(of: field),
                extractions: extractions
            )
        )
    }

    private func pause(_ field: YAMLField) throws(ScenarioError) -> Step {
        let text = try field.text()
        let bounds = text.split(separator: "..", maxSplits: 1).map(String.init)
        let durations = bounds.compactMap(DurationText.parse)
        guard durations.count == bounds.count, let low = durations.first, let high = durations.last, low <= high else {
            throw field.error("expected a pause such as 500ms or a range such as 100ms..300ms, got \"\(text)\"")
        }
        return .think(min: low, max: high)
    }

    private func checks(of step: YAMLField) throws(ScenarioError) -> [Check] {
        guard let field = step["check"] else { return [] }
        var checks: [Check] = []
        for (key, value) in try field.members(allowed: ["status", "body_contains"]) {
            switch key {
            case "status":
                let statuses =
                    value.node.sequence != nil
                    ? try value.elements().map { element throws(ScenarioError) in
                        try element.integer("an HTTP status", minimum: 100)
                    }
                    : [try value.integer("an HTTP status", minimum: 100)]
                checks.append(.status(statuses))
            default: checks.append(.bodyContains(try value.text()))
            }
        }
        return checks
    }

    private static func extractions(_ field: YAMLField) throws(ScenarioError) -> [Extraction] {
        try field.members().map { member throws(ScenarioError) in
            let source: Extraction.Source
            if member.value.node.scalar != nil {
                let pointer = try member.value.text()
                guard pointer.isEmpty || pointer.hasPrefix("/") else {
                    throw member.value.error(
                        "expected a JSON pointer such as /items/0/id, or {header: Name} or {regex: …}"
                    )
                }
                source = .jsonPointer(pointer)
            } else {
                let kinds = try member.value.members(allowed: ["header", "regex", "json"])
                guard kinds.count == 1, let kind = kinds.first else {
                    throw member.value.error("expected one of header, regex or json")
                }
                let text = try kind.value.text()
                switch kind.key {
                case "header": source = .header(text)
                case "regex":
                    guard (try? Regex(text)) != nil else { throw kind.value.error("not a regular expression: \(text)") }
                    source = .regex(text)
                default: source = .jsonPointer(text)
                }
            }
            return Extraction(variable: member.key, source: source)
        }
    }
}

extension RequestBody {
    /// The variables the body uses.
    var variables: [String] {
        switch self {
        case .json(let json): json.variables
        case .text(let template): template.variables
        }
    }
}
