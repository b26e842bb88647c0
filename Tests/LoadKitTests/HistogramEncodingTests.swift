import Histogram
import Testing

@testable import LoadKit

@Suite("HdrHistogram compressed V2 encoding")
struct HistogramEncodingTests {
    @Test("a histogram survives encoding: every count in its bucket, the same percentiles")
    func roundTrip() throws {
        var latencies = LatencyHistogram()
        for microseconds in [1, 7, 999, 1_000, 1_001, 25_000, 25_000, 2_047, 2_048, 987_654, 59_000_000] as [Int64] {
            latencies.record(.microseconds(microseconds))
        }
        for microseconds in stride(from: 100, to: 200_000, by: 37) {
            latencies.record(.microseconds(Int64(microseconds)))
        }
        let decoded = try HistogramEncoding.decode(try HistogramEncoding.encode(latencies.histogram))
        #expect(decoded.totalCount == latencies.histogram.totalCount)
        // Counts live in buckets: a decoded value is its bucket's, equivalent to the one recorded.
        for percentile in [0.0, 50, 90, 99, 99.9, 100] {
            let original = latencies.histogram.valueAtPercentile(percentile)
            #expect(decoded.valuesAreEquivalent(decoded.valueAtPercentile(percentile), original), "p\(percentile)")
        }
        #expect(decoded.valuesAreEquivalent(decoded.max, latencies.histogram.max))
    }

    @Test("an empty histogram encodes and decodes to an empty one")
    func empty() throws {
        #expect(
            try HistogramEncoding.decode(try HistogramEncoding.encode(LatencyHistogram().histogram)).totalCount == 0
        )
    }

    @Test("the bucket layout maps values to indexes and back to their bucket's lowest value")
    func layout() {
        let layout = BucketLayout(lowest: 1, digits: 3)
        for value: UInt64 in [0, 1, 2_047, 2_048, 2_049, 4_096, 1_000_000, 3_600_000_000] {
            let bucketStart = layout.value(at: layout.index(of: value))
            #expect(bucketStart <= value && layout.index(of: bucketStart) == layout.index(of: value), "\(value)")
        }
    }
}
