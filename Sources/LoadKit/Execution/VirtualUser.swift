import Foundation
import NIOCore
import NIOHTTP1

/// A virtual user: one connection, its variables, and the journey it runs an iteration at a time. Each
/// iteration is one trace: every request carries a `traceparent` of it, so the server's spans join it.
///
/// Only the first request of an iteration is measured from the iteration's intended start (the executor's
/// timeline): a late start is the generator's or the server's backlog, and must show. Later requests are
/// measured from when the one before them ended, as a real shopper would send them.
final class VirtualUser {
    let number: Int
    let scenario: String
    let journey: Journey
    let context: RunContext
    /// Where this user's task runs and its connection lives.
    let executor: EventLoopExecutor
    private(set) var variables: Variables
    private var connection: HTTPConnection?
    private var hasRunOnce = false
    private var identifiers = TraceIdentifiers()

    /// - Throws: ``DataExhausted`` when a `unique` data file has no row for this user.
    init(number: Int, scenario: String, journey: Journey, context: RunContext, executor: EventLoopExecutor) throws {
        self.number = number
        self.scenario = scenario
        self.journey = journey
        self.context = context
        self.executor = executor
        variables = Variables(vu: number)
        for source in context.data.values { variables.data.merge(try source.variables(forVU: number)) { $1 } }
    }

    deinit { connection?.close() }

    /// Runs one iteration meant to start at `intendedStart`, of the whole journey or (a replay) of step
    /// `onlyStep`; returns whether every request passed.
    func runIteration(intendedStart: ContinuousClock.Instant, onlyStep: Int? = nil) async -> Bool {
        variables.iteration += 1
        let traceID = identifiers.traceID()
        var intended = intendedStart
        var passed = true
        let steps = onlyStep.map { journey.steps[$0...$0] } ?? journey.steps[...]
        for step in steps where !Task.isCancelled {
            switch step {
            case .think(let low, let high):
                let pause = low == high ? low : .nanoseconds(Int64.random(in: low.nanoseconds...high.nanoseconds))
                try? await Task.sleep(for: pause)
                intended = .now
            case .request(let request):
                if request.oncePerVU, hasRunOnce { continue }
                let sample = await perform(request, intendedStart: intended, traceID: traceID)
                context.recorder.record(sample)
                passed = passed && sample.failure == nil
                intended = sample.ended
            }
        }
        hasRunOnce = true
        return passed
    }

    private func perform(_ step: RequestStep, intendedStart: ContinuousClock.Instant, traceID: String) async
        -> RequestSample
    {
        var sample = RequestSample(
            key: SeriesKey(scenario: scenario, journey: journey.name, step: step.name),
            intendedStart: intendedStart,
            sent: .now,
            ended: .now,
            checksPassed: 0,
            checksFailed: 0,
            traceID: traceID
        )
        let request: (head: HTTPRequestHead, body: ByteBuffer?)
        do {
            request = try makeRequest(step, traceID: traceID)
        } catch {
            sample.failure = .missingVariable
            sample.failureReason = "\(error)"
            sample.ended = .now
            return sample
        }
        do {
            let connection = try await openConnection(&sample)
            sample.sent = .now
            let answer = try await connection.send(request.head, body: request.body, timeout: context.requestTimeout)
            sample.ended = .now
            sample.timeToFirstByte = answer.firstByte - sample.sent
            sample.status = answer.status
            judge(answer, step: step, sample: &sample)
            if answer.headers["connection"].first?.lowercased() == "close" { dropConnection() }
        } catch let failure as TransportFailure {
            sample.ended = .now
            dropConnection()
            switch failure {
            case .connectRefused:
                sample.failure = .connectRefused
                sample.failureReason = "connection to \(context.target.hostHeader) refused"
            case .reset:
                sample.failure = .reset
                sample.failureReason = "connection closed before the answer was complete"
            case .timeout:
                sample.failure = .timeout
                sample.failureReason = "no answer within \(context.requestTimeout)"
            }
        } catch {
            sample.ended = .now
            dropConnection()
            sample.failure = .reset
            sample.failureReason = "\(error)"
        }
        return sample
    }

    private func openConnection(_ sample: inout RequestSample) async throws -> HTTPConnection {
        if let connection, connection.isActive { return connection }
        let start = ContinuousClock.now
        let opened = try await HTTPConnection.open(
            to: context.target,
            timeout: context.requestTimeout,
            on: executor.eventLoop
        )
        sample.connect = .now - start
        connection = opened
        return opened
    }

    private func dropConnection() {
        connection?.close()
        connection = nil
    }

    private func makeRequest(_ step: RequestStep, traceID: String) throws -> (HTTPRequestHead, ByteBuffer?) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: context.target.hostHeader)
        headers.add(name: "User-Agent", value: "emporium-load")
        headers.add(name: "traceparent", value: "00-\(traceID)-\(identifiers.spanID())-01")
        for header in context.defaultHeaders + step.headers {
            headers.replaceOrAdd(name: header.name, value: try header.value.render(variables))
        }
        var body: ByteBuffer?
        switch step.body {
        case .json(let json):
            body = ByteBuffer(string: try json.render(variables))
            if !headers.contains(name: "Content-Type") { headers.add(name: "Content-Type", value: "application/json") }
        case .text(let text): body = ByteBuffer(string: try text.render(variables))
        case nil: break
        }
        headers.add(name: "Content-Length", value: String(body?.readableBytes ?? 0))
        let uri = context.target.pathPrefix + (try step.path.renderRequestTarget(variables))
        return (
            HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: step.method), uri: uri, headers: headers),
            body
        )
    }

    /// Checks the answer and extracts variables; a failed check or extraction fails the request, and the first
    /// problem becomes its reason.
    private func judge(_ answer: HTTPAnswer, step: RequestStep, sample: inout RequestSample) {
        lazy var body = String(buffer: answer.body)
        var hasStatusCheck = false
        var problems: [String] = []
        for check in step.checks {
            switch check {
            case .status(let allowed):
                hasStatusCheck = true
                if !allowed.contains(answer.status) {
                    problems.append(
                        "status \(answer.status), expected \(allowed.map(String.init).joined(separator: " or "))"
                    )
                }
            case .bodyContains(let text):
                if !body.contains(text) { problems.append("the body lacks \"\(text)\"") }
            }
        }
        sample.checksFailed = problems.count
        sample.checksPassed = step.checks.count - problems.count
        for extraction in step.extractions {
            if let value = AnswerExtraction.value(extraction.source, body: body, headers: answer.headers) {
                variables.extracted[extraction.variable] = value
            } else {
                variables.extracted[extraction.variable] = nil
                sample.checksFailed += 1
                problems.append("\(extraction.variable): \(extraction.source) found nothing")
            }
        }
        if let problem = problems.first {
            sample.failure = .checkFailed
            sample.failureReason = problem
        } else if !hasStatusCheck, answer.status >= 400 {
            sample.failure = .httpError
            sample.failureReason = "status \(answer.status)"
        }
        if sample.failure != nil { sample.failureBody = Self.excerpt(body) }
    }

    /// The start of a body on one line, for failure examples.
    private static func excerpt(_ body: String) -> String? {
        guard !body.isEmpty else { return nil }
        let line = body.prefix(300).split(whereSeparator: \.isNewline).joined(separator: " ")
        return body.count > 300 ? line + " …" : line
    }
}
