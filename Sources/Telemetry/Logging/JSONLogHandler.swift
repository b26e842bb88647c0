public import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A swift-log handler that writes one JSON object per line.
///
/// Fields: `time` (RFC 3339, UTC, milliseconds), `level`, `message`, `logger`, `source`, then `trace_id`,
/// `span_id` and `trace_flags` when a span is active (from ``Logger/MetadataProvider/telemetry``), then the
/// remaining metadata under `metadata`.
///
/// ```swift
/// LoggingSystem.bootstrap({ label, provider in JSONLogHandler(label: label, metadataProvider: provider) },
///                         metadataProvider: .telemetry)
/// ```
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: LogOutput

    /// - Parameters:
    ///   - label: the logger's label, written as `logger`.
    ///   - metadataProvider: adds metadata to every line, such as the active trace.
    ///   - output: where lines go; standard output by default.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, output: LogOutput = .standardOutput) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let eventMetadata = event.metadata {
            merged.merge(eventMetadata) { _, new in new }
        }
        if let error = event.error {
            merged["error"] = "\(error)"
        }
        output.write(line(for: event, metadata: merged))
    }

    func line(for event: LogEvent, metadata: Logger.Metadata) -> [UInt8] {
        var metadata = metadata
        var json = JSONWriter(capacity: 256)
        json.object { json in
            json.key("time")
            json.value(RFC3339.format(nanosecondsSinceEpoch: WallClock.nanosecondsSinceEpoch()))
            json.key("level")
            json.value(event.level.rawValue)
            json.key("message")
            json.value(event.message.description)
            json.key("logger")
            json.value(label)
            json.key("source")
            json.value(event.source)
            for key in TraceMetadata.keys {
                if let value = metadata.removeValue(forKey: key) {
                    json.key(key)
                    json.value(value.description)
                }
            }
            if !metadata.isEmpty {
                json.key("metadata")
                Self.write(.dictionary(metadata), into: &json)
            }
        }
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private static func write(_ value: Logger.MetadataValue, into json: inout JSONWriter) {
        switch value {
        case .string(let text): json.value(text)
        case .stringConvertible(let convertible): json.value(convertible.description)
        case .array(let values):
            json.array { json in
                for element in values { write(element, into: &json) }
            }
        case .dictionary(let entries):
            json.object { json in
                for (key, element) in entries.sorted(by: { $0.key < $1.key }) {
                    json.key(key)
                    write(element, into: &json)
                }
            }
        }
    }
}

/// Where ``JSONLogHandler`` writes: each line goes out in one `write(2)` so lines from threads never interleave.
public struct LogOutput: Sendable {
    private let sink: @Sendable ([UInt8]) -> Void

    /// A custom destination, such as a test's buffer.
    public init(_ write: @escaping @Sendable ([UInt8]) -> Void) {
        self.sink = write
    }

    public static let standardOutput = LogOutput(fileDescriptor: 1)
    public static let standardError = LogOutput(fileDescriptor: 2)

    init(fileDescriptor: Int32) {
        let lock = Mutex(())
        self.sink = { bytes in
            lock.withLock { _ in
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written <= 0 { return }
                        offset += written
                    }
                }
            }
        }
    }

    func write(_ line: [UInt8]) {
        sink(line)
    }
}

/// UTC timestamps such as `2026-11-22T09:15:02.123Z`.
enum RFC3339 {
    static func format(nanosecondsSinceEpoch: UInt64) -> String {
        var seconds = time_t(nanosecondsSinceEpoch / 1_000_000_000)
        let milliseconds = Int(nanosecondsSinceEpoch / 1_000_000 % 1_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds), 3))Z"
    }
}
