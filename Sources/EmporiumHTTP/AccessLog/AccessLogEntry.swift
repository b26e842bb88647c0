import Foundation
import Telemetry

/// One request in the access log, written as a JSON line:
///
/// ```json
/// {"time":"2026-12-06T05:53:02.123Z","method":"GET","path":"/api/v1/products?q=lamp","route":"/api/v1/products",
///  "status":200,"duration_ms":3.25,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","client":"127.0.0.1"}
/// ```
///
/// `time` is when the request arrived (lines are written as requests finish, so they are not quite in order);
/// `path` keeps the query. Headers and bodies are never logged: they carry passwords and tokens.
struct AccessLogEntry {
    var arrived: Date
    var method: String
    var path: String
    var route: String?
    var status: Int
    var durationMilliseconds: Double
    var traceID: String?
    var client: String

    func jsonLine() -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        json.object { json in
            json.key("time")
            json.value(Self.timestamp(arrived))
            json.key("method")
            json.value(method)
            json.key("path")
            json.value(path)
            if let route {
                json.key("route")
                json.value(route)
            }
            json.key("status")
            json.value(status)
            json.key("duration_ms")
            json.value((durationMilliseconds * 1_000).rounded() / 1_000)
            if let traceID {
                json.key("trace_id")
                json.value(traceID)
            }
            json.key("client")
            json.value(client)
        }
        return json.bytes + [UInt8(ascii: "\n")]
    }

    /// RFC 3339 in UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
        var seconds = time_t(milliseconds / 1_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min),
            Int(parts.tm_sec),
            Int(milliseconds % 1_000)
        )
    }
}
