import Foundation

/// A line chart drawn as inline SVG, so that `report.html` needs no script and no network: axes with round
/// ticks, a legend, and one polyline per series (broken where a second had no samples).
struct SVGChart {
    /// One line of the chart; a `nil` value leaves a gap.
    struct Series {
        var name: String
        var color: String
        var points: [(x: Double, y: Double?)]
        var dashed = false
    }

    /// How x is laid out: seconds of the run, or percentiles spread so that each further nine gets the same width
    /// (HdrHistogram's percentile spectrum).
    enum XAxis {
        case seconds
        case percentile
    }

    var title: String
    var unit: String
    var xAxis: XAxis
    /// Counts: y ticks at whole numbers only.
    var wholeNumbers: Bool
    var series: [Series]

    private let width = 900.0
    private let height = 280.0
    private let left = 64.0
    private let right = 32.0
    private let top = 36.0
    private let bottom = 40.0

    init(title: String, unit: String, xAxis: XAxis, wholeNumbers: Bool = false, series: [Series]) {
        self.title = title
        self.unit = unit
        self.xAxis = xAxis
        self.wholeNumbers = wholeNumbers
        self.series = series
    }

    /// The chart as an `<svg>` element.
    func render() -> String {
        let xs = series.flatMap { $0.points.map { position(ofX: $0.x) } }
        let ys = series.flatMap { $0.points.compactMap(\.y) }
        var svg = [
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markup.escaped(title))\">",
            "<title>\(Markup.escaped(title))</title>",
            "<text class=\"chart-title\" x=\"\(left)\" y=\"20\">\(Markup.escaped(title))</text>",
        ]
        guard let xMax = xs.max(), let yMax = ys.max() else {
            svg.append("<text class=\"empty\" x=\"\(width / 2)\" y=\"\(height / 2)\">no samples</text>")
            return (svg + ["</svg>"]).joined(separator: "\n")
        }
        let yScale = Ticks(upTo: yMax, smallestStep: wholeNumbers ? 1 : 0)
        let xUpper = xAxis == .percentile ? max(ceil(xMax), 2) : Ticks(upTo: max(xMax, 1)).upper
        svg += yTicks(yScale)
        svg += xTicks(upper: xUpper)
        svg.append(
            "<line class=\"axis\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\"/>"
        )
        for line in series {
            svg += polylines(of: line, xUpper: xUpper, yUpper: yScale.upper)
        }
        svg += legend()
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    private var plotWidth: Double { width - left - right }
    private var plotHeight: Double { height - top - bottom }

    /// x on the chart's own axis: seconds as they are, a percentile as log10(1 / (1 - p)).
    private func position(ofX x: Double) -> Double {
        switch xAxis {
        case .seconds: x
        case .percentile: log10(100 / max(100 - x, 0.0001))
        }
    }

    private func pixel(x: Double, xUpper: Double) -> Double { left + position(ofX: x) / xUpper * plotWidth }
    private func pixel(y: Double, yUpper: Double) -> Double { top + plotHeight - y / yUpper * plotHeight }

    private func yTicks(_ ticks: Ticks) -> [String] {
        ticks.values.flatMap { value in
            let y = format(pixel(y: value, yUpper: ticks.upper))
            return [
                "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\"/>",
                "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Ticks.label(value)) \(unit)</text>",
            ]
        }
    }

    private func xTicks(upper: Double) -> [String] {
        let labelled: [(position: Double, label: String)]
        switch xAxis {
        case .seconds:
            labelled = Ticks(upTo: upper).values.map { ($0, "\(Ticks.label($0)) s") }
        case .percentile:
            labelled = (0...Int(upper)).map { nines in
                (Double(nines), nines == 0 ? "0%" : "\(Ticks.label(100 - 100 / pow(10, Double(nines))))%")
            }
        }
        return labelled.map { tick in
            let x = format(left + tick.position / upper * plotWidth)
            return
                "<text class=\"tick\" x=\"\(x)\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(tick.label)</text>"
        }
    }

    /// One polyline per run of points with values (a dot for a run of one).
    private func polylines(of line: Series, xUpper: Double, yUpper: Double) -> [String] {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for point in line.points {
            guard let y = point.y else {
                if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                continue
            }
            runs[runs.count - 1].append((pixel(x: point.x, xUpper: xUpper), pixel(y: y, yUpper: yUpper)))
        }
        let title = "<title>\(Markup.escaped(line.name))</title>"
        let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
        return runs.filter { !$0.isEmpty }.map { run in
            if run.count == 1 {
                return
                    "<circle cx=\"\(format(run[0].x))\" cy=\"\(format(run[0].y))\" r=\"2.5\" fill=\"\(line.color)\">\(title)</circle>"
            }
            let points = run.map { "\(format($0.x)),\(format($0.y))" }.joined(separator: " ")
            return
                "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.8\"\(dash) points=\"\(points)\">\(title)</polyline>"
        }
    }

    private func legend() -> [String] {
        var x = width - right
        var items: [String] = []
        for line in series.reversed() {
            let textWidth = Double(line.name.count) * 7 + 28
            x -= textWidth
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            items.append(
                "<line x1=\"\(format(x))\" y1=\"16\" x2=\"\(format(x + 18))\" y2=\"16\" stroke=\"\(line.color)\" stroke-width=\"2.5\"\(dash)/>"
                    + "<text class=\"legend\" x=\"\(format(x + 22))\" y=\"20\">\(Markup.escaped(line.name))</text>"
            )
        }
        return items
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Round tick values from 0 up to a little above the largest value, 1, 2, 2.5 or 5 times a power of ten apart
/// (whole numbers only when `smallestStep` is 1).
struct Ticks {
    let values: [Double]
    let upper: Double

    init(upTo largest: Double, smallestStep: Double = 0) {
        let target = largest > 0 ? largest : 1
        let rough = target / 5
        let magnitude = pow(10, floor(log10(rough)))
        let candidates = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }
            .filter { smallestStep < 1 || $0 == $0.rounded() }
        let step = max(candidates.first { $0 >= rough } ?? 10 * magnitude, smallestStep)
        let count = Int(ceil(target / step))
        values = (0...count).map { Double($0) * step }
        upper = Double(count) * step
    }

    /// A tick's label without needless decimals.
    static func label(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
