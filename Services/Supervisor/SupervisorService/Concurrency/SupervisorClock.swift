/// The injected clock, reduced to what supervision needs: sleep, and time elapsed since the supervisor was
/// created. Type-erasing here keeps the rest of the module non-generic while every time read still goes
/// through the injected `Clock` (tests can pass their own).
struct SupervisorClock: Sendable {
    private let sleepFor: @Sendable (Duration) async throws -> Void
    private let elapsedSinceOrigin: @Sendable () -> Duration

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        self.sleepFor = { duration in try await clock.sleep(for: duration) }
        self.elapsedSinceOrigin = { origin.duration(to: clock.now) }
    }

    /// Monotonic time since the supervisor was created.
    var now: Duration { elapsedSinceOrigin() }

    /// Sleeps for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws {
        try await sleepFor(duration)
    }
}
