public import CoreMetrics

extension MetricsRegistry: MetricsFactory {
    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        counter(label: label, dimensions: dimensions)
    }

    public func makeFloatingPointCounter(
        label: String,
        dimensions: [(String, String)]
    ) -> any FloatingPointCounterHandler {
        counter(label: label, dimensions: dimensions)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        gauge(label: label, dimensions: dimensions)
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        if aggregate {
            return histogram(label: label, dimensions: dimensions, isTimer: false)
        }
        return gauge(label: label, dimensions: dimensions)
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        histogram(label: label, dimensions: dimensions, isTimer: true)
    }

    public func destroyCounter(_ handler: any CounterHandler) { remove(handler) }
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) { remove(handler) }
    public func destroyMeter(_ handler: any MeterHandler) { remove(handler) }
    public func destroyRecorder(_ handler: any RecorderHandler) { remove(handler) }
    public func destroyTimer(_ handler: any TimerHandler) { remove(handler) }

    private func counter(label: String, dimensions: [(String, String)]) -> CounterSeries {
        guard case .counter(let series) = series(label: label, dimensions: dimensions, kind: .counter) else {
            preconditionFailure("a counter family holds counter series")
        }
        return series
    }

    private func gauge(label: String, dimensions: [(String, String)]) -> GaugeSeries {
        guard case .gauge(let series) = series(label: label, dimensions: dimensions, kind: .gauge) else {
            preconditionFailure("a gauge family holds gauge series")
        }
        return series
    }

    private func histogram(label: String, dimensions: [(String, String)], isTimer: Bool) -> HistogramSeries {
        guard
            case .histogram(let series) = series(
                label: label,
                dimensions: dimensions,
                kind: .histogram,
                isTimer: isTimer
            )
        else {
            preconditionFailure("a histogram family holds histogram series")
        }
        return series
    }
}
