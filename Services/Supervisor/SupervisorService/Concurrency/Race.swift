/// Runs the contenders concurrently, returns the first result and cancels the others (waiting for them to
/// finish, as structured concurrency does).
///
/// Used to wait for "whichever comes first" of a process exit, a stop request, a probe and a timer. Each
/// contender must return promptly once cancelled.
func race<T: Sendable>(
    _ first: @escaping @Sendable () async -> T,
    _ second: @escaping @Sendable () async -> T,
    _ third: (@Sendable () async -> T)? = nil
) async -> T {
    await withTaskGroup(of: T.self) { group in
        group.addTask(operation: first)
        group.addTask(operation: second)
        if let third { group.addTask(operation: third) }
        // Two tasks were added, so `next()` has a result; the fallback only satisfies the type checker.
        guard let winner = await group.next() else { return await first() }
        group.cancelAll()
        return winner
    }
}
