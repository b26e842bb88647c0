/// The sanitised, sorted labels of one series, with their exposition text rendered once.
///
/// Two dimension lists that differ only in order are the same series. The rendered form
/// (`a="x",b="y"`, escaped, without braces) is computed when the series is created so that a scrape
/// only copies bytes.
struct LabelSet: Hashable, Sendable {
    struct Label: Hashable, Sendable {
        var name: String
        var value: String
    }

    let labels: [Label]
    let rendered: [UInt8]

    /// Builds a label set; names are sanitised, duplicates after sanitising keep their first value, and
    /// names in `reserved` (such as `le` for histograms) get a trailing underscore.
    init(_ dimensions: [(String, String)], reserved: Set<String> = []) {
        var seen = Set<String>()
        var labels = [Label]()
        labels.reserveCapacity(dimensions.count)
        for (rawName, value) in dimensions {
            var name = MetricName.labelName(for: rawName)
            if reserved.contains(name) { name += "_" }
            if seen.insert(name).inserted {
                labels.append(Label(name: name, value: value))
            }
        }
        labels.sort { $0.name < $1.name }
        self.labels = labels
        var rendered = [UInt8]()
        for (index, label) in labels.enumerated() {
            if index > 0 { rendered.append(UInt8(ascii: ",")) }
            rendered.append(contentsOf: label.name.utf8)
            rendered.append(contentsOf: "=\"".utf8)
            ExpositionEscaping.appendLabelValue(label.value, to: &rendered)
            rendered.append(UInt8(ascii: "\""))
        }
        self.rendered = rendered
    }

    static func == (lhs: LabelSet, rhs: LabelSet) -> Bool { lhs.labels == rhs.labels }
    func hash(into hasher: inout Hasher) { hasher.combine(labels) }
}
