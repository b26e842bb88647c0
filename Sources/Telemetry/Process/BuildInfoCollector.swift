/// Exposes `<namespace>_build_info{version="…"} 1`, the conventional way to show which build is running.
public struct BuildInfoCollector: MetricsCollector {
    let name: String
    let labels: [(String, String)]

    /// - Parameters:
    ///   - namespace: the metric prefix, `emporium` for `emporium_build_info`.
    ///   - version: the version string of the running build.
    ///   - extraLabels: more labels, such as the Swift version.
    public init(namespace: String, version: String, extraLabels: [(String, String)] = []) {
        self.name = "\(namespace)_build_info"
        self.labels = [("version", version)] + extraLabels
    }

    public func collect() -> [CollectedMetric] {
        [
            CollectedMetric(
                name: name,
                kind: .gauge,
                help: "Build information; the value is always 1.",
                samples: [.init(labels: labels, value: 1)]
            )
        ]
    }
}
