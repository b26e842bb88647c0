import Synchronization

/// Generates trace and span ids without locks or system calls.
///
/// A SplitMix64 sequence over an atomic counter seeded from the system's random source: ids are uniformly
/// distributed and unique per process, which is what trace ids need (they are not secrets).
final class IDGenerator: Sendable {
    private let state: Atomic<UInt64>

    init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        state = Atomic(seed)
    }

    @inline(__always)
    func next() -> UInt64 {
        var mixed = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    func spanID() -> SpanID {
        var value = next()
        while value == 0 { value = next() }
        return SpanID(rawValue: value)
    }

    func traceID() -> TraceID {
        var id = TraceID(high: next(), low: next())
        while id.high == 0 && id.low == 0 { id = TraceID(high: next(), low: next()) }
        return id
    }
}
