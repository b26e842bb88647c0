import Foundation

/// A loopback TCP port no one listens on right now, for a server a test starts (or a connection meant to be
/// refused).
///
/// The port is drawn from below the kernel's ephemeral range (`ip_local_port_range`, from 32768 by default):
/// servers that bind port 0 and outgoing connections take their ports from that range, so none of them can
/// take a port a test server was given, also while it is stopped to be restarted on the same port.
public enum FreePort {
    public static func find() throws -> Int {
        let ports = 10_000..<ephemeralRangeStart()
        for _ in 0..<200 {
            let port = Int.random(in: ports)
            if isFree(port) { return port }
        }
        throw TestSetupError("no free port below the ephemeral range in 200 tries")
    }

    /// The first port of the ephemeral range.
    private static func ephemeralRangeStart() -> Int {
        let range = try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)
        let start = range?.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
        return max(start, 10_001)
    }

    private static func isFree(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
