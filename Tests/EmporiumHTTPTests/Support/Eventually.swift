import Testing

/// Waits for a background effect (a queued mail, a webhook sent by the gateway): checks `condition` every
/// 20 ms and records a failure if it does not hold within `timeout`.
func eventually(
    within timeout: Duration = .seconds(5),
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("\(what) did not happen within \(timeout)", sourceLocation: sourceLocation)
}
