import Foundation
import Yams

/// Reads scenario files (YAML). Everything is checked before a request is sent: a mistake is a
/// ``ScenarioError`` naming the file, the line and the field.
///
/// ```swift
/// let test = try ScenarioFile.load(path: "loadtest/smoke.yaml")
/// ```
public enum ScenarioFile {
    static let topLevelKeys: Set<String> = ["name", "base_url", "defaults", "data", "scenarios", "journeys", "budgets"]

    /// Reads and checks the file at `path`; data files are found beside it.
    public static func load(path: String) throws(ScenarioError) -> LoadTest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: 0, field: "", message: "cannot read the file")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(String(decoding: data, as: UTF8.self), file: path, directory: directory)
    }

    /// Checks scenario text; `directory` is where its data files are.
    public static func parse(_ text: String, file: String, directory: String) throws(ScenarioError) -> LoadTest {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: 0, field: "", message: "the file is empty")
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, line: Self.line(of: error), field: "", message: "not valid YAML: \(error)")
        }
        let top = YAMLField(node: root, path: "", file: file)
        _ = try top.members(allowed: topLevelKeys)
        let data = try Self.data(top["data"], directory: directory)
        let journeys = try StepParser(data: data).journeys(
            try top.required("journeys", "a mapping of journey names to steps")
        )
        let scenarios = try ExecutorParser.scenarios(
            try top.required("scenarios", "a list of scenarios"),
            journeys: journeys
        )
        let defaults = try top["defaults"].map { field throws(ScenarioError) in
            _ = try field.members(allowed: ["headers"])
            return try field["headers"]?.headers() ?? []
        }
        return LoadTest(
            name: try top["name"]?.text() ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
            file: file,
            defaultHeaders: defaults ?? [],
            baseURL: try top["base_url"]?.text(),
            data: data,
            scenarios: scenarios,
            journeys: journeys,
            budgets: try BudgetParser.budgets(top["budgets"], scenarios: scenarios, journeys: journeys)
        )
    }

    private static func data(_ field: YAMLField?, directory: String) throws(ScenarioError) -> [String: DataSource] {
        guard let field else { return [:] }
        var sources: [String: DataSource] = [:]
        for (name, source) in try field.members() {
            _ = try source.members(allowed: ["csv", "order"])
            let csv = try source.required("csv", "the CSV file's name, relative to the scenario file")
            let path = (try csv.text()).hasPrefix("/") ? try csv.text() : "\(directory)/\(try csv.text())"
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw csv.error("cannot read \(path)")
            }
            guard let table = DataSource.parseCSV(String(decoding: contents, as: UTF8.self)) else {
                throw csv.error("\(path) has a quote that is not closed")
            }
            guard !table.rows.isEmpty else { throw csv.error("\(path) has a header but no rows") }
            let orderText = try source["order"]?.text() ?? "sequential"
            guard let order = DataSource.Order(rawValue: orderText) else {
                let names = DataSource.Order.allCases.map(\.rawValue).joined(separator: ", ")
                throw source.child("order", source["order"]!.node).error(
                    "expected one of \(names), got \"\(orderText)\""
                )
            }
            sources[name] = DataSource(name: name, columns: table.columns, rows: table.rows, order: order)
        }
        return sources
    }

    /// The line a Yams error points at, when it says.
    private static func line(of error: any Error) -> Int {
        if case .scanner(_, _, let mark, _) = error as? YamlError { return mark.line }
        if case .parser(_, _, let mark, _) = error as? YamlError { return mark.line }
        return 0
    }
}
