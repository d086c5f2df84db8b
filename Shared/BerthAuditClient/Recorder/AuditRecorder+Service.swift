import BerthRPC
import ServiceLifecycle

/// The recorder's loop: batches pending events, paces buffered flushes and spool replays, and on shutdown
/// delivers (or spools) whatever is pending.
extension AuditRecorder: Service {
    public func run() async throws {
        let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLock { $0.wake = wake }
        // A spool left by an earlier run (audit was down, or the process crashed) goes first.
        _ = await replaySpool()
        let tick = configuration.delivery == .durable ? configuration.replayInterval : configuration.flushInterval
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [clock] in
                    while !Task.isCancelled {
                        do { try await clock.sleep(for: tick, tolerance: nil) } catch { return }
                        wake.yield()
                    }
                }
                for await _ in wakeups { await drain() }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            wake.finish()
        }
        // Stop taking events, then deliver what was taken. When cancelled (not a graceful stop) the sends fail
        // at once and everything pending lands in the spool.
        let left = state.withLock { state -> [Pending] in
            state.wake = nil
            defer {
                state.pending = []
                state.pendingEvents = 0
            }
            return state.pending
        }
        await flush(left)
    }

    /// One pass: everything pending, or a replay when nothing is.
    func drain() async {
        let taken = state.withLock { state -> [Pending] in
            defer {
                state.pending = []
                state.pendingEvents = 0
            }
            return state.pending
        }
        if taken.isEmpty {
            if !spool.isEmpty { _ = await replaySpool() }
            return
        }
        await flush(taken)
    }

    /// Delivers the events of `calls` in one go (batched by `maxBatch`) and answers each waiting call.
    private func flush(_ calls: [Pending]) async {
        guard !calls.isEmpty else { return }
        let result: Result<Void, AuditClientError>
        do {
            try await deliver(calls.flatMap(\.events), mayRefuse: calls.contains { $0.waiter != nil })
            result = .success(())
        } catch {
            if calls.allSatisfy({ $0.waiter == nil }) {
                logger.error("audit events recorded in buffered mode could not be kept", metadata: ["error": "\(error)"])
            }
            result = .failure(error)
        }
        for call in calls { call.waiter?.resume(returning: result) }
    }
}
