import CoreMetrics
import Logging
import ServiceLifecycle
import TelemetryTesting
import Testing
import Tracing

@testable import Telemetry

@Suite("Batch span processor")
struct BatchSpanProcessorTests {
    let registry = MetricsRegistry()
    let logger = Logger(label: "test")

    func spans(_ count: Int, into processor: some SpanProcessor) {
        let tracer = TelemetryTracer(resource: .test, processor: processor)
        for index in 0..<count {
            tracer.startSpan("span \(index)", context: .topLevel).end()
        }
    }

    var metricsText: String { String(decoding: registry.render(.prometheusText), as: UTF8.self) }

    @Test("a full queue drops and counts instead of blocking")
    func fullQueueDrops() {
        let processor = BatchSpanProcessor(
            configuration: .init(maxQueueSize: 2, maxExportBatchSize: 2),
            exporter: RecordingExporter(),
            metrics: registry,
            logger: logger
        )
        spans(5, into: processor)
        #expect(metricsText.contains("telemetry_spans_dropped_total{reason=\"queue_full\"} 3"))
    }

    @Test("flush exports everything queued in batches of at most the batch size")
    func batches() async throws {
        let exporter = RecordingExporter()
        let processor = BatchSpanProcessor(
            configuration: .init(maxQueueSize: 100, maxExportBatchSize: 4, scheduleDelay: .seconds(3600)),
            exporter: exporter,
            metrics: registry,
            logger: logger
        )
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await processor.run() }
            spans(10, into: processor)
            await processor.flush()
            group.cancelAll()
        }
        #expect(exporter.exportedBatches.map(\.count).reduce(0, +) == 10)
        #expect(exporter.exportedBatches.allSatisfy { $0.count <= 4 })
        #expect(metricsText.contains("telemetry_spans_exported_total 10"))
    }

    @Test("graceful shutdown exports what is queued: no span lost on SIGTERM")
    func shutdownFlushes() async throws {
        let exporter = RecordingExporter()
        let processor = BatchSpanProcessor(
            configuration: .init(scheduleDelay: .seconds(3600)),
            exporter: exporter,
            metrics: registry,
            logger: logger
        )
        let group = ServiceGroup(services: [processor], gracefulShutdownSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            spans(7, into: processor)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(exporter.exportedBatches.map(\.count).reduce(0, +) == 7)
        #expect(exporter.shutdownCount == 1)
    }

    @Test("a failed export counts its spans as dropped")
    func failedExport() async throws {
        let processor = BatchSpanProcessor(
            configuration: .init(scheduleDelay: .seconds(3600)),
            exporter: RecordingExporter(failing: true),
            metrics: registry,
            logger: logger
        )
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await processor.run() }
            spans(3, into: processor)
            await processor.flush()
            group.cancelAll()
        }
        #expect(metricsText.contains("telemetry_spans_dropped_total{reason=\"export_failed\"} 3"))
    }
}
