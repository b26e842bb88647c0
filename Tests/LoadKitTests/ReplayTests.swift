import Foundation
import Testing

@testable import LoadKit

@Suite("Replaying an access log")
struct ReplayTests {
    static let log = """
        {"time":"2026-12-06T10:00:01.000Z","method":"GET","path":"/ok?page=2","route":"/ok","status":200}
        {"time":"2026-12-06T10:00:00.000Z","method":"GET","path":"/ok","route":"/ok","status":200,"trace_id":"x"}
        {"time":"2026-12-06T10:00:00.500Z","method":"POST","path":"/login","status":200}

        {"time":"2026-12-06T10:00:02Z","method":"GET","path":"/whoami","status":401}
        """

    @Test("requests keep their recorded gaps divided by the speed, in time order; methods with a body are skipped")
    func timeline() throws {
        var options = AccessLogReplay.Options()
        options.speed = 2
        let replay = try AccessLogReplay.parse(Self.log, file: "access.jsonl", options: options)
        #expect(replay.requests == 3 && replay.skipped == ["POST": 1] && replay.recordedSeconds == 2)
        #expect(replay.test.scenarios[0].executor == .replay(offsets: [0, 0.5, 1], maxVUs: 1_000))
        let steps = try #require(replay.test.journeys["replay"]?.steps).compactMap { step -> RequestStep? in
            if case .request(let request) = step { request } else { nil }
        }
        #expect(steps.map(\.name) == ["GET /ok", "GET /ok", "GET /whoami"])
        #expect(steps.map(\.path.source) == ["/ok", "/ok?page=2", "/whoami"])
        #expect(steps.map(\.checks) == [[.status([200])], [.status([200])], [.status([401])]])
    }

    @Test(
        "a line that cannot be read names its line and field",
        arguments: [
            (#"not json"#, "access.jsonl:1: expected a JSON object"),
            (#"{"time":"yesterday","method":"GET","path":"/"}"#, "access.jsonl:1: time: expected an RFC 3339 time"),
            (#"{"time":"2026-12-06T10:00:00Z","method":"G T","path":"/"}"#, "access.jsonl:1: method:"),
            (#"{"time":"2026-12-06T10:00:00Z","method":"GET","path":"ok"}"#, "access.jsonl:1: path:"),
            (#"{"time":"2026-12-06T10:00:00Z","method":"GET","path":"/","status":700}"#, "access.jsonl:1: status:"),
            (#"{"time":"2026-12-06T10:00:00Z","method":"POST","path":"/"}"#, "no GET, HEAD request to replay"),
        ]
    )
    func malformed(_ line: String, _ complaint: String) {
        #expect {
            _ = try AccessLogReplay.parse(line, file: "access.jsonl", options: .init())
        } throws: { error in
            "\(error)".hasPrefix(complaint) || "\(error)".contains(complaint)
        }
    }

    @Test("a replay sends each recorded request and passes when the recorded status comes back")
    func replayRun() async throws {
        var lines: [String] = []
        for index in 0..<50 {
            let time = String(format: "2026-12-06T10:00:%02d.%03dZ", index / 25, index % 25 * 40)
            lines.append(#"{"time":"\#(time)","method":"GET","path":"/ok","route":"/ok","status":200}"#)
        }
        lines.append(#"{"time":"2026-12-06T10:00:01.500Z","method":"GET","path":"/whoami","status":401}"#)
        var options = AccessLogReplay.Options()
        options.speed = 2
        let replay = try AccessLogReplay.parse(lines.joined(separator: "\n"), file: "access.jsonl", options: options)
        let report = try await TestServer.with { base in
            try await LoadRun(test: replay.test, options: RunOptions(target: base)).run(progress: SilentProgress())
        }
        #expect(report.total.requests == 51 && report.total.failures.isEmpty)
        #expect(report.steps.map(\.step) == ["GET /ok", "GET /whoami"])
        #expect(report.seconds < 2, "\(report.seconds) s for 1 recorded second at twice the speed")
    }

    @Test("a * in a JSON pointer picks any element of an array")
    func wildcardPointer() throws {
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"items":[{"id":1},{"id":2},{}]}"#.utf8))
        var seen: Set<String> = []
        for _ in 0..<50 { if let text = json.resolve("/items/*/id")?.text { seen.insert(text) } }
        #expect(seen == ["1", "2"])
        #expect(json.resolve("/items/*/name") == nil)
        #expect(json.resolve("/items/1/id")?.text == "2")
    }
}
