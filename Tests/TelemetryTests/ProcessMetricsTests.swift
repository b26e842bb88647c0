import Testing

@testable import Telemetry

@Suite("Process metrics")
struct ProcessMetricsTests {
    @Test("process metrics read from /proc describe this process")
    func values() throws {
        let metrics = Dictionary(
            uniqueKeysWithValues: ProcessMetricsCollector().collect().map { ($0.name, $0.samples[0].value) }
        )
        #expect(try #require(metrics["process_resident_memory_bytes"]) > 1_000_000)
        #expect(try #require(metrics["process_open_fds"]) >= 3)
        #expect(try #require(metrics["process_cpu_seconds_total"]) > 0)
        let start = try #require(metrics["process_start_time_seconds"])
        #expect(start > 1_700_000_000 && start <= Double(WallClock.nanosecondsSinceEpoch()) / 1e9)
    }

    @Test("a command name with spaces and parentheses does not shift the fields")
    func awkwardCommandName() throws {
        let stat = "42 (my (odd) name) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 12345 1000000 300"
        let parsed = try #require(ProcStat.parse(stat: stat))
        #expect(parsed.userTicks == 250 && parsed.systemTicks == 50)
        #expect(parsed.startTicks == 12345 && parsed.virtualBytes == 1_000_000 && parsed.residentPages == 300)
    }
}
