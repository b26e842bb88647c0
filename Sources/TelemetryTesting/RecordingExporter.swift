import Synchronization
public import Telemetry

/// A span exporter that keeps the batches it is given and answers with scripted outcomes, for testing
/// span processors without a network.
public final class RecordingExporter: SpanExporter {
    private let batches = Mutex<[[FinishedSpan]]>([])
    private let shutdowns = Mutex(0)
    private let failing: Bool

    /// - Parameter failing: whether every export throws.
    public init(failing: Bool = false) {
        self.failing = failing
    }

    public func export(_ spans: [FinishedSpan]) async throws -> ExportOutcome {
        batches.withLock { $0.append(spans) }
        if failing {
            throw ExportError(reason: .transport, message: "scripted failure")
        }
        return ExportOutcome(accepted: spans.count)
    }

    public func shutdown() async {
        shutdowns.withLock { $0 += 1 }
    }

    /// Every batch received, in order.
    public var exportedBatches: [[FinishedSpan]] {
        batches.withLock { $0 }
    }

    /// How often `shutdown` was called.
    public var shutdownCount: Int {
        shutdowns.withLock { $0 }
    }
}
