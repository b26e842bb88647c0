import EmporiumCore
import FoundationEssentials
import Synchronization
import Telemetry

/// Gauges read at scrape time: `emporium_outbox_pending` and `emporium_outbox_oldest_age_seconds` from the
/// dispatcher's last pass (the age keeps growing between passes), `emporium_readiness_check_up{check,critical}`
/// from the readiness monitor's last round, and `emporium_fault_active{fault}`.
final class ShopMetricsCollector: MetricsCollector {
    private let faults: Faults
    private let backlog = Mutex<OutboxBacklog?>(nil)
    private let readiness = Mutex<[CollectedMetric.Sample]>([])

    init(faults: Faults) {
        self.faults = faults
    }

    /// Records what the dispatcher found.
    func observe(_ observed: OutboxBacklog) {
        backlog.withLock { $0 = observed }
    }

    /// Records the readiness checks' last results (`ok` or what failed).
    func observe(_ results: [String: String], of checks: [ReadinessCheck]) {
        let samples = checks.map { check in
            CollectedMetric.Sample(
                labels: [("check", check.name), ("critical", check.isCritical ? "true" : "false")],
                value: results[check.name] == "ok" ? 1 : 0
            )
        }
        readiness.withLock { $0 = samples }
    }

    func collect() -> [CollectedMetric] {
        var metrics = [
            CollectedMetric(
                name: "emporium_fault_active",
                kind: .gauge,
                help: "Whether an injected fault is on (1) or off (0), by fault.",
                samples: faults.settings.states.map { .init(labels: [("fault", $0.fault)], value: $0.isActive ? 1 : 0) }
            )
        ]
        let readiness = readiness.withLock { $0 }
        if !readiness.isEmpty {
            metrics.append(
                CollectedMetric(
                    name: "emporium_readiness_check_up",
                    kind: .gauge,
                    help: MetricCatalogue.help["emporium_readiness_check_up"] ?? "",
                    samples: readiness
                )
            )
        }
        if let backlog = backlog.withLock({ $0 }) {
            let age = backlog.oldestOccurredAt.map { max(Date().timeIntervalSince($0), 0) } ?? 0
            metrics += [
                CollectedMetric(
                    name: "emporium_outbox_pending",
                    kind: .gauge,
                    help: MetricCatalogue.help["emporium_outbox_pending"] ?? "",
                    samples: [.init(value: Double(backlog.pending))]
                ),
                CollectedMetric(
                    name: "emporium_outbox_oldest_age_seconds",
                    kind: .gauge,
                    help: MetricCatalogue.help["emporium_outbox_oldest_age_seconds"] ?? "",
                    samples: [.init(value: age)]
                ),
            ]
        }
        return metrics
    }
}
