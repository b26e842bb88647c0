import NIOCore

/// What every virtual user of a run shares.
struct RunContext: Sendable {
    var target: Target
    var defaultHeaders: [(name: String, value: Template)]
    var data: [String: DataSource]
    var recorder: RunRecorder
    var group: any EventLoopGroup
    /// The longest a request may take before it counts as a timeout.
    var requestTimeout: Duration
}

/// A new W3C trace id (32 hex digits) or span id (16), never all zeros.
enum TraceIdentifiers {
    static func traceID() -> String { hex(UInt64.random(in: 1...UInt64.max)) + hex(UInt64.random(in: 0...UInt64.max)) }
    static func spanID() -> String { hex(UInt64.random(in: 1...UInt64.max)) }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
