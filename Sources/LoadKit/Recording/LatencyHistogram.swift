import Histogram

/// Latencies in microseconds, 1 µs to an hour at three significant digits (HdrHistogram), growing past an
/// hour rather than dropping a value: under overload a corrected latency can be very long, and it must count.
struct LatencyHistogram: Sendable {
    /// The highest value before the histogram grows: an hour in microseconds.
    static let highestTrackable: UInt64 = 3_600_000_000

    private(set) var histogram: Histogram<UInt64>

    init() {
        histogram = Histogram(
            lowestDiscernibleValue: 1,
            highestTrackableValue: Self.highestTrackable,
            numberOfSignificantValueDigits: .three
        )
        histogram.autoResize = true
    }

    /// Wraps a histogram read back from a log.
    init(_ histogram: Histogram<UInt64>) {
        self.histogram = histogram
        self.histogram.autoResize = true
    }

    var count: UInt64 { histogram.totalCount }

    mutating func record(_ duration: Duration) {
        _ = histogram.record(UInt64(max(duration.nanoseconds / 1_000, 1)))
    }

    mutating func add(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
    }

    /// A statistic in milliseconds; `nil` without samples.
    func milliseconds(_ statistic: Budget.Statistic) -> Double? {
        guard count > 0 else { return nil }
        let microseconds: Double =
            switch statistic {
            case .max: Double(histogram.max)
            case .mean: histogram.mean
            default: Double(histogram.valueAtPercentile(statistic.percentile ?? 50))
            }
        return microseconds / 1_000
    }
}
