#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// When and how long to wait before sending an OTLP request again.
///
/// Only 429, 502, 503 and 504 are retried (and failures to connect); never 400 or other client errors.
/// Delays grow exponentially with ±20 % jitter, and a `Retry-After` from the server wins when present.
public struct ExportRetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 5, initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Whether a response with this status may be retried.
    public static func isRetryable(status: Int) -> Bool {
        [429, 502, 503, 504].contains(status)
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1).
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxBackoff) }
        let exponential = initialBackoff * (1 << min(attempt - 1, 20))
        let capped = min(exponential, maxBackoff)
        return capped * Double.random(in: 0.8...1.2)
    }

    /// Parses `Retry-After` as delay-seconds or an HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`).
    ///
    /// - Parameter now: seconds since the Unix epoch, to turn a date into a delay.
    public static func parseRetryAfter(_ header: String, now: Double) -> Duration? {
        let trimmed = header.trimmingSpaces()
        if let seconds = Int(trimmed), seconds >= 0 {
            return .seconds(seconds)
        }
        guard let date = parseHTTPDate(trimmed) else { return nil }
        return .seconds(max(0, date - now))
    }

    /// IMF-fixdate, the form RFC 9110 requires senders to use.
    static func parseHTTPDate(_ text: String) -> Double? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT",
            let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        var time = tm()
        time.tm_year = Int32(year - 1900)
        time.tm_mon = Int32(month)
        time.tm_mday = Int32(day)
        time.tm_hour = Int32(clock[0])
        time.tm_min = Int32(clock[1])
        time.tm_sec = Int32(clock[2])
        return Double(timegm(&time))
    }
}

extension Duration {
    /// The duration in whole nanoseconds, for APIs that take NIO's `TimeAmount`.
    var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
