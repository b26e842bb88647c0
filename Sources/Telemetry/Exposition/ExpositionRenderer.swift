/// Writes metric families in the Prometheus text 0.0.4 or OpenMetrics 1.0 format.
///
/// Label sets arrive pre-rendered, so a scrape mostly copies bytes. One HELP and one TYPE per family, samples
/// of a family together, histogram buckets cumulative in increasing `le` with `+Inf` equal to `_count`.
struct ExpositionRenderer {
    let format: ExpositionFormat
    private var output: [UInt8] = []

    init(format: ExpositionFormat) {
        self.format = format
        output.reserveCapacity(64 * 1024)
    }

    /// The rendered text; OpenMetrics gets its closing `# EOF`.
    mutating func finish() -> [UInt8] {
        if format == .openMetrics {
            output.append(contentsOf: "# EOF\n".utf8)
        }
        return output
    }

    mutating func write(_ family: MetricFamily) {
        let series = family.sortedSeries()
        guard !series.isEmpty else { return }
        writeHeader(name: family.name, kind: family.kind, help: family.help)
        let name = Array(family.name.utf8)
        let bucketBounds = family.upperBounds.map { $0.description }
        let histogramNames = HistogramNames(family: name)
        for entry in series {
            switch entry {
            case .counter(let counter):
                writeSample(name, labels: counter.labels.rendered, value: counter.value)
                appendExemplar(counter.lastExemplar)
                output.append(UInt8(ascii: "\n"))
            case .gauge(let gauge):
                writeSample(name, labels: gauge.labels.rendered, value: gauge.value)
                output.append(UInt8(ascii: "\n"))
            case .histogram(let histogram):
                writeHistogram(histogramNames, series: histogram, bucketBounds: bucketBounds)
            }
        }
    }

    mutating func write(_ metric: CollectedMetric) {
        guard !metric.samples.isEmpty else { return }
        writeHeader(name: metric.name, kind: metric.kind, help: metric.help)
        let name = Array(metric.name.utf8)
        let samples = metric.samples.map { (labels: LabelSet($0.labels), value: $0.value) }
            .sorted { $0.labels.rendered.lexicographicallyPrecedes($1.labels.rendered) }
        for sample in samples {
            writeSample(name, labels: sample.labels.rendered, value: sample.value)
            output.append(UInt8(ascii: "\n"))
        }
    }

    private mutating func writeHeader(name: String, kind: MetricKind, help: String) {
        var typeName = Substring(name)
        if format == .openMetrics, kind == .counter, name.hasSuffix("_total") {
            typeName = typeName.dropLast("_total".count)
        }
        output.append(contentsOf: "# HELP ".utf8)
        output.append(contentsOf: typeName.utf8)
        output.append(UInt8(ascii: " "))
        ExpositionEscaping.appendHelp(help, format: format, to: &output)
        output.append(contentsOf: "\n# TYPE ".utf8)
        output.append(contentsOf: typeName.utf8)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: kind.rawValue.utf8)
        output.append(UInt8(ascii: "\n"))
    }

    /// A histogram family's sample names, made once per family rather than once per series.
    private struct HistogramNames {
        let bucket: [UInt8]
        let sum: [UInt8]
        let count: [UInt8]

        init(family name: [UInt8]) {
            bucket = name + "_bucket{".utf8
            sum = name + "_sum".utf8
            count = name + "_count".utf8
        }
    }

    private mutating func writeHistogram(_ names: HistogramNames, series: HistogramSeries, bucketBounds: [String]) {
        let snapshot = series.snapshot()
        let labels = series.labels.rendered
        var cumulative: UInt64 = 0
        for index in 0..<snapshot.counts.count {
            cumulative += snapshot.counts[index]
            output.append(contentsOf: names.bucket)
            if !labels.isEmpty {
                output.append(contentsOf: labels)
                output.append(UInt8(ascii: ","))
            }
            output.append(contentsOf: "le=\"".utf8)
            if index < bucketBounds.count {
                output.append(contentsOf: bucketBounds[index].utf8)
            } else {
                output.append(contentsOf: "+Inf".utf8)
            }
            output.append(contentsOf: "\"} ".utf8)
            appendInteger(cumulative)
            appendExemplar(snapshot.exemplars[index])
            output.append(UInt8(ascii: "\n"))
        }
        writeSample(names.sum, labels: labels, value: snapshot.sum)
        output.append(UInt8(ascii: "\n"))
        writeSample(names.count, labels: labels, value: Double(cumulative))
        output.append(UInt8(ascii: "\n"))
    }

    private mutating func writeSample(_ name: [UInt8], labels: [UInt8], value: Double) {
        output.append(contentsOf: name)
        if !labels.isEmpty {
            output.append(UInt8(ascii: "{"))
            output.append(contentsOf: labels)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: " "))
        appendNumber(value)
    }

    /// ` # {trace_id="…",span_id="…"} value timestamp`, in OpenMetrics only.
    private mutating func appendExemplar(_ exemplar: Exemplar?) {
        guard format == .openMetrics, let exemplar else { return }
        output.append(contentsOf: " # {trace_id=\"".utf8)
        output.append(contentsOf: exemplar.traceID.hexString.utf8)
        output.append(contentsOf: "\",span_id=\"".utf8)
        output.append(contentsOf: exemplar.spanID.hexString.utf8)
        output.append(contentsOf: "\"} ".utf8)
        appendNumber(exemplar.value)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: exemplar.timestamp.description.utf8)
    }

    /// Integral values print without a fraction; infinities and NaN as the formats spell them.
    private mutating func appendNumber(_ value: Double) {
        if value.isNaN {
            output.append(contentsOf: "NaN".utf8)
        } else if value.isInfinite {
            output.append(contentsOf: (value > 0 ? "+Inf" : "-Inf").utf8)
        } else if value == value.rounded(), abs(value) < 1e15 {
            if value < 0 { output.append(UInt8(ascii: "-")) }
            appendInteger(UInt64(abs(value)))
        } else {
            output.append(contentsOf: value.description.utf8)
        }
    }

    /// Decimal digits written straight into the output, without an intermediate string.
    private mutating func appendInteger(_ value: UInt64) {
        let start = output.count
        var remaining = value
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        } while remaining > 0
        var low = start
        var high = output.count - 1
        while low < high {
            output.swapAt(low, high)
            low += 1
            high -= 1
        }
    }
}
