import Foundation

/// Turns the JSON-lines access log that `emporium serve --access-log FILE` writes into a load test: one
/// open-model scenario whose arrivals keep the recorded inter-arrival times divided by the speed, each sending
/// the recorded method and path, named after its route (`GET /api/v1/products/{id}`).
///
/// A replayed request passes when it is answered with the status it was answered with when recorded. The log
/// holds no headers or bodies (they carry passwords and tokens), so only methods without a body are replayed by
/// default; `headers` are added to every request (a test account's `Authorization`).
public struct AccessLogReplay: Sendable {
    /// How to replay.
    public struct Options: Sendable {
        /// Recorded gaps are divided by it: 2 replays twice as fast.
        public var speed: Double = 1
        /// The methods replayed; other requests are skipped and counted.
        public var methods: Set<String> = ["GET", "HEAD"]
        public var headers: [(name: String, value: String)] = []
        public var budgets: [Budget] = []
        /// The most requests in flight; an arrival that finds none free waits, measured from its intended start.
        public var maxVUs = 1_000

        /// The defaults: speed 1, `GET` and `HEAD`, no extra headers, no budgets, 1,000 in flight.
        public init() {}
    }

    /// The load test to run.
    public var test: LoadTest
    /// How many requests will be replayed.
    public var requests: Int
    /// Requests left out, by method.
    public var skipped: [String: Int]
    /// The recorded span from first to last request, in seconds (before the speed is applied).
    public var recordedSeconds: Double

    /// Reads an access log.
    /// - Throws: ``ScenarioError`` naming the line and field of an entry that cannot be read, or a log with
    ///   nothing to replay.
    public static func load(path: String, options: Options) throws(ScenarioError) -> AccessLogReplay {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(file: path, line: 0, field: "", message: "cannot read the access log: \(error)")
        }
        return try parse(text, file: path, options: options)
    }

    /// Reads an access log's text; `file` names it in errors.
    public static func parse(_ text: String, file: String, options: Options) throws(ScenarioError)
        -> AccessLogReplay
    {
        var entries: [AccessLogLine] = []
        var skipped: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let entry = try AccessLogLine(line, file: file, line: index + 1)
            if options.methods.contains(entry.method) {
                entries.append(entry)
            } else {
                skipped[entry.method, default: 0] += 1
            }
        }
        guard let first = entries.map(\.time).min() else {
            let methods = options.methods.sorted().joined(separator: ", ")
            throw ScenarioError(file: file, line: 0, field: "", message: "no \(methods) request to replay")
        }
        entries.sort { $0.time < $1.time }
        let offsets = entries.map { $0.time.timeIntervalSince(first) / options.speed }
        let journey = Journey(name: "replay", steps: entries.map { .request($0.step) })
        let test = LoadTest(
            name: "replay of \((file as NSString).lastPathComponent)",
            file: file,
            defaultHeaders: [("Accept", Template(literal: "application/json"))]
                + options.headers.map { ($0.name, Template(literal: $0.value)) },
            baseURL: nil,
            data: [:],
            scenarios: [
                Scenario(
                    name: "replay",
                    executor: .replay(offsets: offsets, maxVUs: options.maxVUs),
                    journey: "replay",
                    startTime: .zero
                )
            ],
            journeys: ["replay": journey],
            budgets: options.budgets
        )
        return AccessLogReplay(
            test: test,
            requests: entries.count,
            skipped: skipped,
            recordedSeconds: entries.last.map { $0.time.timeIntervalSince(first) } ?? 0
        )
    }
}
