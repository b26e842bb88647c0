import Synchronization
public import Telemetry

/// A running load test as Prometheus metrics, for the "load test" dashboard: `emporium-load run
/// --metrics-address` serves them at `/metrics` while the run lasts.
///
/// | metric | type | labels |
/// | --- | --- | --- |
/// | `emporium_load_requests_total` | counter | `scenario`, `step`, `status_class` (`2xx` … `5xx`, `none`) |
/// | `emporium_load_failures_total` | counter | `scenario`, `step`, `kind` (`timeout`, `http_error`, …) |
/// | `emporium_load_latency_seconds` | gauge | `scenario`, `step`, `quantile` (0.5, 0.95, 0.99): the step's latest second with requests, from their intended start |
/// | `emporium_load_active_vus` | gauge | |
/// | `emporium_load_dropped_iterations_total` | counter | `scenario` |
///
/// Counts are added up from the intervals the run closes every second; the latency quantiles come from each
/// interval's HdrHistogram, so they are exact for that second and corrected for coordinated omission. A step
/// that sent nothing in a second keeps its previous quantiles rather than dropping out (a step run once a
/// second would otherwise come and go between scrapes).
public final class LoadMetrics: MetricsCollector {
    private struct State {
        var requests: [SeriesKey: [Int]] = [:]
        var failures: [SeriesKey: [RequestFailure: Int]] = [:]
        var latency: [SeriesKey: LatencyHistogram] = [:]
        var dropped: [String: Int] = [:]
        var activeVUs = 0
    }

    private static let quantiles: [(label: String, statistic: Budget.Statistic)] = [
        ("0.5", .p50), ("0.95", .p95), ("0.99", .p99),
    ]
    private static let statusClasses = ["none", "1xx", "2xx", "3xx", "4xx", "5xx"]

    private let state = Mutex(State())

    public init() {}

    /// Adds an interval the run closed.
    func observe(_ interval: IntervalRecord) {
        state.withLock { state in
            for (key, stats) in interval.series {
                var classes = state.requests[key] ?? [Int](repeating: 0, count: Self.statusClasses.count)
                for (index, count) in stats.statusClasses.enumerated() { classes[index] += count }
                state.requests[key] = classes
                state.failures[key, default: [:]].merge(stats.failures, uniquingKeysWith: +)
                if stats.corrected.count > 0 { state.latency[key] = stats.corrected }
            }
            state.dropped.merge(interval.dropped, uniquingKeysWith: +)
            state.activeVUs = interval.activeVUs
        }
    }

    public func collect() -> [CollectedMetric] {
        let state = state.withLock { $0 }
        let keys = state.requests.keys.sorted()
        func labels(_ key: SeriesKey) -> [(String, String)] { [("scenario", key.scenario), ("step", key.step)] }
        return [
            CollectedMetric(
                name: "emporium_load_requests_total",
                kind: .counter,
                help: "Requests sent, by scenario, step and the answer's status class.",
                samples: keys.flatMap { key in
                    zip(Self.statusClasses, state.requests[key]!).map { statusClass, count in
                        .init(labels: labels(key) + [("status_class", statusClass)], value: Double(count))
                    }
                }
            ),
            CollectedMetric(
                name: "emporium_load_failures_total",
                kind: .counter,
                help: "Requests that failed, by scenario, step and kind of failure.",
                samples: keys.flatMap { key in
                    RequestFailure.allCases.map { kind in
                        .init(
                            labels: labels(key) + [("kind", kind.rawValue)],
                            value: Double(state.failures[key]?[kind] ?? 0)
                        )
                    }
                }
            ),
            CollectedMetric(
                name: "emporium_load_latency_seconds",
                kind: .gauge,
                help:
                    "Latency of the last second's requests from their intended start, by scenario, step and quantile.",
                samples: keys.flatMap { key in
                    Self.quantiles.compactMap { quantile in
                        state.latency[key]?.milliseconds(quantile.statistic).map {
                            .init(labels: labels(key) + [("quantile", quantile.label)], value: $0 / 1_000)
                        }
                    }
                }
            ),
            CollectedMetric(
                name: "emporium_load_active_vus",
                kind: .gauge,
                help: "Virtual users running an iteration or waiting to.",
                samples: [.init(value: Double(state.activeVUs))]
            ),
            CollectedMetric(
                name: "emporium_load_dropped_iterations_total",
                kind: .counter,
                help: "Arrivals dropped because no virtual user was free within 10 seconds, by scenario.",
                samples: Set(keys.map(\.scenario)).union(state.dropped.keys).sorted().map { scenario in
                    .init(labels: [("scenario", scenario)], value: Double(state.dropped[scenario] ?? 0))
                }
            ),
        ]
    }
}
