public import Tracing

/// What a sampler decides for a new span.
public enum SamplingDecision: Sendable {
    /// Not recorded, not exported; the context still propagates (unsampled).
    case drop
    /// Recorded and exported, flagged as sampled.
    case recordAndSample
}

/// Decides whether a new span is recorded, per the OpenTelemetry sampler specification.
public protocol Sampler: Sendable, CustomStringConvertible {
    func shouldSample(parent: SpanContext?, traceID: TraceID, operationName: String, kind: SpanKind) -> SamplingDecision
}

/// Records every span (`always_on`).
public struct AlwaysOnSampler: Sampler {
    public init() {}
    public func shouldSample(parent: SpanContext?, traceID: TraceID, operationName: String, kind: SpanKind)
        -> SamplingDecision
    {
        .recordAndSample
    }
    public var description: String { "AlwaysOnSampler" }
}

/// Records no span (`always_off`).
public struct AlwaysOffSampler: Sampler {
    public init() {}
    public func shouldSample(parent: SpanContext?, traceID: TraceID, operationName: String, kind: SpanKind)
        -> SamplingDecision
    {
        .drop
    }
    public var description: String { "AlwaysOffSampler" }
}

/// Records a fixed fraction of traces, decided by the trace id alone so every service agrees (`traceidratio`).
public struct TraceIDRatioSampler: Sampler {
    public let ratio: Double
    private let bound: UInt64

    /// - Parameter ratio: the fraction of traces to record, clamped to 0...1.
    public init(ratio: Double) {
        let clamped = ratio.isNaN ? 0 : min(max(ratio, 0), 1)
        self.ratio = clamped
        self.bound = clamped >= 1 ? UInt64.max >> 1 : UInt64(clamped * Double(UInt64(1) << 63))
    }

    public func shouldSample(parent: SpanContext?, traceID: TraceID, operationName: String, kind: SpanKind)
        -> SamplingDecision
    {
        if ratio >= 1 { return .recordAndSample }
        return (traceID.low >> 1) < bound ? .recordAndSample : .drop
    }

    public var description: String { "TraceIdRatioBased{\(ratio)}" }
}

/// Follows the parent's sampled flag and asks `root` only for new traces (`parentbased_*`).
public struct ParentBasedSampler: Sampler {
    public let root: any Sampler

    public init(root: any Sampler) {
        self.root = root
    }

    public func shouldSample(parent: SpanContext?, traceID: TraceID, operationName: String, kind: SpanKind)
        -> SamplingDecision
    {
        guard let parent else {
            return root.shouldSample(parent: nil, traceID: traceID, operationName: operationName, kind: kind)
        }
        return parent.traceFlags.isSampled ? .recordAndSample : .drop
    }

    public var description: String { "ParentBased{root=\(root)}" }
}
