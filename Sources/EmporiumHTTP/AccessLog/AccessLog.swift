public import Foundation
public import ServiceLifecycle
import Synchronization

/// The access log that `emporium serve --access-log FILE` writes: one JSON object per line and request
/// (``AccessLogEntry``), appended to the file. `emporium-load replay` reads it back.
///
/// Requests only append to a buffer in memory; the log, run as a service, writes the buffer out four times a
/// second and once more after the server has stopped, so no request waits on the disk.
public final class AccessLog: Service, Sendable {
    /// The file being written.
    public let path: String
    private let handle: FileHandle
    private let pending = Mutex<[UInt8]>([])
    private static let flushInterval = Duration.milliseconds(250)

    /// Opens `path` for appending, creating it if missing.
    /// - Throws: ``AccessLogError`` when the file cannot be created or opened.
    public init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw AccessLogError(path: path, reason: "cannot create it (does its directory exist?)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw AccessLogError(path: path, reason: "cannot open it for writing")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// Adds a request's line to the buffer.
    func record(_ entry: AccessLogEntry) {
        let line = entry.jsonLine()
        pending.withLock { $0.append(contentsOf: line) }
    }

    /// Writes the buffer out until graceful shutdown, then a last time.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.flushInterval) }
            try flush()
        }
        try flush()
        try handle.close()
    }

    /// Writes what is buffered to the file.
    public func flush() throws {
        let bytes = pending.withLock { buffer in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        guard !bytes.isEmpty else { return }
        try handle.write(contentsOf: bytes)
    }
}

/// The access log file could not be opened.
public struct AccessLogError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "access log \(path): \(reason)" }
}
