extension Duration {
    /// The duration in whole nanoseconds, as swift-metrics timers record it.
    var wholeNanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
