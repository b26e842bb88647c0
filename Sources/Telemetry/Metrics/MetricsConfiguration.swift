extension MetricsRegistry {
    /// How the registry builds families: histogram buckets, series caps and help texts.
    public struct Configuration: Sendable {
        /// Latency buckets in seconds: the OpenTelemetry defaults for HTTP durations (5 ms to 10 s) and 0.3,
        /// so that the SLO thresholds (catalog 100 ms, checkout 300 ms) are bucket bounds and their ratios exact.
        public static let latencyBuckets: [Double] = [
            0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.3, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
        ]

        /// Buckets for histograms that have no entry in ``buckets`` or ``MetricCatalogue/buckets``.
        public var defaultBuckets: [Double]
        /// Buckets per family, by exposition name (for example `emporium_order_value`).
        public var buckets: [String: [Double]]
        /// The most series a family holds; more are refused and counted in `telemetry_series_dropped_total`.
        public var maxSeriesPerFamily: Int
        /// Help texts by exposition name, added to ``MetricCatalogue/help``.
        public var help: [String: String]

        public init(
            defaultBuckets: [Double] = Configuration.latencyBuckets,
            buckets: [String: [Double]] = [:],
            maxSeriesPerFamily: Int = 2_000,
            help: [String: String] = [:]
        ) {
            self.defaultBuckets = defaultBuckets
            self.buckets = buckets
            self.maxSeriesPerFamily = maxSeriesPerFamily
            self.help = help
        }

        func upperBounds(for family: String) -> [Double] {
            let bounds = buckets[family] ?? MetricCatalogue.buckets[family] ?? defaultBuckets
            return Array(Set(bounds.filter { $0.isFinite })).sorted()
        }

        func helpText(for family: String, label: String) -> String {
            help[family] ?? MetricCatalogue.help[family] ?? "swift-metrics \(label)"
        }
    }
}
