import Synchronization

/// A value that is set once and awaited by any number of tasks: a process's exit, a stop request, a child's
/// first SERVING.
///
/// `wait()` is cancellation-aware (a cancelled waiter gets nil at once), so a latch can race a timer or
/// another latch in a task group and the losers can be cancelled. `fulfill` can be called from any thread,
/// including the threads that reap processes.
final class Latch<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Value?, Never>] = [:]
        /// Waiters whose cancellation arrived before they registered their continuation.
        var cancelledEarly: Set<Int> = []
    }

    private let state = Mutex(State())

    init() {}

    /// The value, if set.
    var value: Value? { state.withLock { $0.value } }

    /// Sets the value and wakes every waiter; later calls are ignored (the first value wins).
    func fulfill(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value?, Never>] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// The value once set, or nil if the calling task is cancelled first.
    func wait() async -> Value? {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let immediate: Value?? = state.withLock { state in
                    let cancelled = state.cancelledEarly.remove(id) != nil
                    if let value = state.value { return .some(value) }
                    if cancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Value?, Never>? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                if state.value == nil { state.cancelledEarly.insert(id) }
                return nil
            }
            waiter?.resume(returning: nil)
        }
    }

    /// The value once set, even if the calling task is cancelled: for the final reap of a killed process,
    /// which must not be skipped.
    func waitIgnoringCancellation() async -> Value {
        let result: Value? = await withCheckedContinuation { continuation in
            let immediate = state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = continuation
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
        // No cancellation handler can remove this waiter, so only `fulfill` resumes it, always with a value.
        if let result { return result }
        return await waitIgnoringCancellation()
    }
}
