import NIOCore

/// What every virtual user of a run shares.
struct RunContext: Sendable {
    var target: Target
    var defaultHeaders: [(name: String, value: Template)]
    var data: [String: DataSource]
    var recorder: RunRecorder
    /// The event loops virtual users run on, each user on one with its connection.
    var executors: EventLoopExecutors
    /// The longest a request may take before it counts as a timeout.
    var requestTimeout: Duration
}

/// W3C trace ids (32 hex digits) and span ids (16), never all zeros. They must be unique, not secret, so they
/// come from SplitMix64 seeded once from the system's generator: a system call per id would cost more than the
/// rest of a request's bookkeeping.
struct TraceIdentifiers {
    private static let digits = Array("0123456789abcdef".utf8)
    private var state = UInt64.random(in: .min ... .max)

    mutating func traceID() -> String { Self.hex(nextNonZero()) + Self.hex(next()) }
    mutating func spanID() -> String { Self.hex(nextNonZero()) }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private mutating func nextNonZero() -> UInt64 {
        var value = next()
        while value == 0 { value = next() }
        return value
    }

    private static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 { buffer[index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)] }
            return 16
        }
    }
}
