import NIOCore

/// Runs Swift tasks on a NIO event loop thread.
///
/// Why: by default grpc-swift's I/O runs on NIO's event loops and the handler (and the awaiting caller) on the
/// Swift concurrency pool, so every unary call hops threads four times; each hop is a futex wake-up and a
/// context switch. Preferring the event loop as the task executor keeps a call on one thread.
/// Use with a small dedicated `MultiThreadedEventLoopGroup` and handlers that do not block.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
