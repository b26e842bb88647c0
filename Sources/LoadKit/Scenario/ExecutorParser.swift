/// Reads the `scenarios` list: a name, an executor with its settings, a journey.
enum ExecutorParser {
    static let executors = [
        "constant-arrival-rate", "ramping-arrival-rate", "constant-vus", "ramping-vus", "per-vu-iterations",
    ]
    private static let common: Set<String> = ["name", "executor", "journey", "start_time"]
    private static let settings: [String: Set<String>] = [
        "constant-arrival-rate": ["rate", "duration", "max_vus"],
        "ramping-arrival-rate": ["start_rate", "stages", "max_vus"],
        "constant-vus": ["vus", "duration"],
        "ramping-vus": ["start_vus", "stages"],
        "per-vu-iterations": ["vus", "iterations", "max_duration"],
    ]

    static func scenarios(_ field: YAMLField, journeys: [String: Journey]) throws(ScenarioError) -> [Scenario] {
        var scenarios: [Scenario] = []
        for element in try field.elements() {
            let name = try element.required("name", "the scenario's name").text()
            guard !scenarios.contains(where: { $0.name == name }) else {
                throw element.error("the scenario name \"\(name)\" is used twice")
            }
            let executorField = try element.required("executor", "one of \(executors.joined(separator: ", "))")
            let executor = try executorField.text()
            guard let allowed = settings[executor] else {
                throw executorField.error("expected one of \(executors.joined(separator: ", ")), got \"\(executor)\"")
            }
            _ = try element.members(allowed: common.union(allowed))
            let journeyField = try element.required("journey", "the name of a journey under journeys")
            let journey = try journeyField.text()
            guard journeys[journey] != nil else {
                throw journeyField.error(
                    "no journey \"\(journey)\"; the file has \(journeys.keys.sorted().joined(separator: ", "))"
                )
            }
            scenarios.append(
                Scenario(
                    name: name,
                    executor: try plan(executor, element),
                    journey: journey,
                    startTime: try element["start_time"]?.duration() ?? .zero
                )
            )
        }
        guard !scenarios.isEmpty else { throw field.error("needs at least one scenario") }
        return scenarios
    }

    private static func plan(_ executor: String, _ field: YAMLField) throws(ScenarioError) -> ExecutorPlan {
        switch executor {
        case "constant-arrival-rate":
            let rate = try positive(
                try field.required("rate", "journey iterations per second"),
                "iterations per second"
            )
            return .constantArrivalRate(
                rate: rate,
                duration: try field.required("duration", "how long, such as 30s").duration(),
                maxVUs: try field["max_vus"]?.integer("a whole number of virtual users", minimum: 1)
                    ?? max(Int((rate * 2).rounded(.up)), 10)
            )
        case "ramping-arrival-rate":
            let stages = try Self.stages(field)
            return .rampingArrivalRate(
                startRate: try field["start_rate"].map { field throws(ScenarioError) in try field.number("a rate") }
                    ?? 0,
                stages: stages,
                maxVUs: try field.required("max_vus", "the most concurrent iterations").integer(
                    "a whole number",
                    minimum: 1
                )
            )
        case "constant-vus":
            return .constantVUs(
                vus: try field.required("vus", "the number of virtual users").integer("a whole number", minimum: 1),
                duration: try field.required("duration", "how long, such as 30s").duration()
            )
        case "ramping-vus":
            return .rampingVUs(
                startVUs: try field["start_vus"]?.integer("a whole number") ?? 0,
                stages: try Self.stages(field)
            )
        default:
            return .perVUIterations(
                vus: try field.required("vus", "the number of virtual users").integer("a whole number", minimum: 1),
                iterations: try field.required("iterations", "iterations per virtual user").integer(
                    "a whole number",
                    minimum: 1
                ),
                maxDuration: try field["max_duration"]?.duration() ?? .seconds(600)
            )
        }
    }

    private static func stages(_ field: YAMLField) throws(ScenarioError) -> [ExecutorPlan.Stage] {
        let list = try field.required("stages", "a list of {duration, target}").elements()
        guard !list.isEmpty else { throw field.error("stages needs at least one stage") }
        return try list.map { stage throws(ScenarioError) in
            _ = try stage.members(allowed: ["duration", "target"])
            return ExecutorPlan.Stage(
                duration: try stage.required("duration", "how long this stage lasts").duration(),
                target: try stage.required("target", "the rate or the number of virtual users to reach").number(
                    "a number"
                )
            )
        }
    }

    private static func positive(_ field: YAMLField, _ expectation: String) throws(ScenarioError) -> Double {
        let value = try field.number(expectation)
        guard value > 0 else { throw field.error("expected more than 0 \(expectation)") }
        return value
    }
}
