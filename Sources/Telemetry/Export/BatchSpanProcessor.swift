public import CoreMetrics
public import Logging
public import ServiceLifecycle
import Synchronization

/// Queues finished spans and exports them in batches from its own `run()` loop.
///
/// `onEnd` only appends under a short lock: when the queue is full the span is dropped and counted in
/// `telemetry_spans_dropped_total{reason="queue_full"}`, and the request that ended it never waits.
/// A batch goes out when `maxExportBatchSize` spans are waiting or `scheduleDelay` has passed. On graceful
/// shutdown (SIGTERM) the loop ends and everything still queued is exported before `run()` returns.
///
/// ```swift
/// let processor = BatchSpanProcessor(exporter: exporter, metrics: registry, logger: logger)
/// app.addServices(processor)
/// ```
public final class BatchSpanProcessor: SpanProcessor, Service {
    /// The OpenTelemetry SDK defaults; `OTEL_BSP_*` variables override them (see ``TelemetryConfiguration``).
    public struct Configuration: Sendable, Equatable {
        public var maxQueueSize: Int
        public var maxExportBatchSize: Int
        public var scheduleDelay: Duration
        public var exportTimeout: Duration

        public init(
            maxQueueSize: Int = 2048,
            maxExportBatchSize: Int = 512,
            scheduleDelay: Duration = .seconds(5),
            exportTimeout: Duration = .seconds(30)
        ) {
            self.maxQueueSize = max(1, maxQueueSize)
            self.maxExportBatchSize = max(1, min(maxExportBatchSize, self.maxQueueSize))
            self.scheduleDelay = scheduleDelay
            self.exportTimeout = exportTimeout
        }
    }

    public let configuration: Configuration
    private let exporter: any SpanExporter
    private let logger: Logger
    private let queue = Mutex<[FinishedSpan]>([])
    private let flushWaiters = Mutex<[CheckedContinuation<Void, Never>]>([])
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let exported: Counter
    private let dropped: MetricsFactoryCounters

    public init(
        configuration: Configuration = Configuration(),
        exporter: any SpanExporter,
        metrics: any MetricsFactory,
        logger: Logger
    ) {
        self.configuration = configuration
        self.exporter = exporter
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        exported = Counter(label: "telemetry.spans.exported", factory: metrics)
        dropped = MetricsFactoryCounters(
            label: "telemetry.spans.dropped",
            dimension: "reason",
            factory: metrics,
            knownValues: ["queue_full", "export_failed", "rejected"]
        )
    }

    public func onEnd(_ span: FinishedSpan) {
        let (accepted, batchReady) = queue.withLock { queue -> (Bool, Bool) in
            guard queue.count < configuration.maxQueueSize else { return (false, false) }
            queue.append(span)
            return (true, queue.count == configuration.maxExportBatchSize)
        }
        if !accepted {
            dropped.increment("queue_full")
        } else if batchReady {
            wake.yield()
        }
    }

    public func forceFlush() {
        wake.yield()
    }

    /// Exports everything queued now and returns when it is done. Needs `run()` to be running.
    public func flush() async {
        await withCheckedContinuation { continuation in
            flushWaiters.withLock { $0.append(continuation) }
            wake.yield()
        }
    }

    public func run() async throws {
        let scheduleDelay = configuration.scheduleDelay
        let wake = self.wake
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: scheduleDelay)
                    wake.yield()
                }
            }
            for await _ in wakeUps.cancelOnGracefulShutdown() {
                let waiters = flushWaiters.withLock { waiters in
                    defer { waiters.removeAll() }
                    return waiters
                }
                await exportQueued()
                for waiter in waiters { waiter.resume() }
            }
            group.cancelAll()
        }
        await exportQueued()
        for waiter in flushWaiters.withLock({ $0 }) { waiter.resume() }
        flushWaiters.withLock { $0.removeAll() }
        await exporter.shutdown()
    }

    /// Exports the queue in batches of at most `maxExportBatchSize`, one at a time.
    private func exportQueued() async {
        while true {
            let batch = queue.withLock { queue -> [FinishedSpan] in
                let count = min(queue.count, configuration.maxExportBatchSize)
                defer { queue.removeFirst(count) }
                return Array(queue.prefix(count))
            }
            guard !batch.isEmpty else { return }
            await export(batch)
        }
    }

    private func export(_ batch: [FinishedSpan]) async {
        do {
            let outcome = try await withTimeout(configuration.exportTimeout) { [exporter] in
                try await exporter.export(batch)
            }
            exported.increment(by: outcome.accepted)
            dropped.increment("rejected", by: outcome.rejected)
        } catch {
            dropped.increment("export_failed", by: batch.count)
            logger.warning("trace export failed", metadata: ["spans": "\(batch.count)", "error": "\(error)"])
        }
    }
}

/// Runs `operation`, throwing ``ExportError`` with reason `timeout` if it takes longer than `limit`.
func withTimeout<Result: Sendable>(
    _ limit: Duration,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw ExportError(reason: .timeout, message: "export took longer than \(limit)")
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else {
            throw ExportError(reason: .timeout, message: "export produced no result")
        }
        return first
    }
}
