/// Runs one scenario: its executor starts iterations of its journey on virtual users until the executor ends;
/// the iterations in flight then finish before it returns.
struct ScenarioDriver: Sendable {
    let scenario: Scenario
    let journey: Journey
    let context: RunContext
    let numbers: VUNumbers
    let segment: (index: Int, count: Int)
    /// How long an open-model arrival may wait for a virtual user before it is dropped.
    let maxStartDelay: Duration

    func run(from runStart: ContinuousClock.Instant) async {
        let start = runStart + scenario.startTime
        try? await Task.sleep(until: start)
        if case .replay(let offsets, _) = scenario.executor {
            let arrivals = offsets.enumerated().lazy.filter { $0.offset % segment.count == segment.index }
                .map { (offset: $0.element, onlyStep: Optional($0.offset)) }
            await runOpenModel(arrivals, start: start)
        } else if let schedule = scenario.executor.arrivalSchedule(segment: segment) {
            await runOpenModel(schedule.lazy.map { (offset: $0, onlyStep: nil) }, start: start)
        } else {
            await runClosedModel(start: start)
        }
    }

    // MARK: open model

    /// Starts iterations at the arrivals' offsets (seconds from `start`); a replay arrival runs one step only.
    private func runOpenModel(
        _ arrivals: some Sequence<(offset: Double, onlyStep: Int?)>,
        start: ContinuousClock.Instant
    ) async {
        let recorder = context.recorder
        let scenarioName = scenario.name
        let dispatcher = ArrivalDispatcher(
            maxVUs: Self.share(of: maxVUs, segment: segment),
            maxStartDelay: maxStartDelay,
            numbers: numbers,
            onDropped: { recorder.recordDropped(scenario: scenarioName) }
        )
        await withDiscardingTaskGroup { group in
            for (offset, onlyStep) in arrivals {
                let arrival = ArrivalDispatcher.Arrival(
                    intended: start + .nanoseconds(Int64(offset * 1e9)),
                    onlyStep: onlyStep
                )
                try? await Task.sleep(until: arrival.intended)
                if Task.isCancelled { break }
                if case .spawn(let number) = await dispatcher.arrive(arrival) {
                    let executor = context.executors.next()
                    group.addTask(executorPreference: executor) {
                        await self.serve(number: number, on: executor, first: arrival, dispatcher: dispatcher)
                    }
                }
            }
            await dispatcher.close()
        }
    }

    private func serve(
        number: Int,
        on executor: EventLoopExecutor,
        first: ArrivalDispatcher.Arrival,
        dispatcher: ArrivalDispatcher
    ) async {
        guard let user = makeUser(number, on: executor) else { return }
        var next: ArrivalDispatcher.Arrival? = first
        while let arrival = next, !Task.isCancelled {
            await iterate(user, intendedStart: arrival.intended, onlyStep: arrival.onlyStep)
            next = await dispatcher.next()
        }
    }

    private var maxVUs: Int {
        switch scenario.executor {
        case .constantArrivalRate(_, _, let maxVUs), .rampingArrivalRate(_, _, let maxVUs), .replay(_, let maxVUs):
            maxVUs
        default: 0
        }
    }

    // MARK: closed model

    private func runClosedModel(start: ContinuousClock.Instant) async {
        let end = start + scenario.executor.duration
        switch scenario.executor {
        case .constantVUs(let vus, _):
            await loop(users: Self.share(of: vus, segment: segment), until: end, iterations: nil) { _, _ in true }
        case .perVUIterations(let vus, let iterations, _):
            await loop(users: Self.share(of: vus, segment: segment), until: end, iterations: iterations) { _, _ in true
            }
        case .rampingVUs(let startVUs, let stages):
            let ramp = VURamp(start: start, startVUs: startVUs, stages: stages, segment: segment)
            await loop(users: ramp.peak, until: end, iterations: nil) { index, now in index < ramp.target(at: now) }
        default: break
        }
    }

    /// Starts `users` virtual users; each runs iterations back to back until the end, its iteration count, or
    /// while `isActive(index, now)` says no (a ramp down; it starts again when the ramp comes back up).
    private func loop(
        users: Int,
        until end: ContinuousClock.Instant,
        iterations: Int?,
        isActive: @escaping @Sendable (Int, ContinuousClock.Instant) -> Bool
    ) async {
        await withDiscardingTaskGroup { group in
            for index in 0..<users {
                let executor = context.executors.next()
                group.addTask(executorPreference: executor) {
                    var user: VirtualUser?
                    var done = 0
                    while !Task.isCancelled, ContinuousClock.now < end, iterations.map({ done < $0 }) ?? true {
                        guard isActive(index, .now) else {
                            try? await Task.sleep(for: .milliseconds(50))
                            continue
                        }
                        if user == nil { user = makeUser(numbers.next(), on: executor) }
                        guard let user else { return }
                        await iterate(user, intendedStart: .now)
                        done += 1
                    }
                }
            }
        }
    }

    // MARK: shared

    private func makeUser(_ number: Int, on executor: EventLoopExecutor) -> VirtualUser? {
        do {
            return try VirtualUser(
                number: number,
                scenario: scenario.name,
                journey: journey,
                context: context,
                executor: executor
            )
        } catch {
            context.recorder.recordDropped(scenario: scenario.name)
            return nil
        }
    }

    private func iterate(_ user: VirtualUser, intendedStart: ContinuousClock.Instant, onlyStep: Int? = nil) async {
        context.recorder.changeActiveVUs(by: 1)
        let passed = await user.runIteration(intendedStart: intendedStart, onlyStep: onlyStep)
        context.recorder.changeActiveVUs(by: -1)
        context.recorder.recordIteration(scenario: scenario.name, failed: !passed)
    }

    /// This segment's part of a number of virtual users: the first segments take the remainder.
    static func share(of total: Int, segment: (index: Int, count: Int)) -> Int {
        total / segment.count + (segment.index < total % segment.count ? 1 : 0)
    }
}

/// How many virtual users a `ramping-vus` scenario wants at a moment: linear within each stage.
struct VURamp: Sendable {
    let start: ContinuousClock.Instant
    let startVUs: Int
    let stages: [ExecutorPlan.Stage]
    let segment: (index: Int, count: Int)

    var peak: Int {
        ScenarioDriver.share(
            of: Int(stages.map(\.target).max().map { max($0, Double(startVUs)) } ?? Double(startVUs)),
            segment: segment
        )
    }

    func target(at now: ContinuousClock.Instant) -> Int {
        var elapsed = (now - start).seconds
        var from = Double(startVUs)
        for stage in stages {
            if elapsed <= stage.duration.seconds {
                let wanted = from + (stage.target - from) * (elapsed / stage.duration.seconds)
                return ScenarioDriver.share(of: Int(wanted.rounded()), segment: segment)
            }
            elapsed -= stage.duration.seconds
            from = stage.target
        }
        return ScenarioDriver.share(of: Int(from.rounded()), segment: segment)
    }
}
