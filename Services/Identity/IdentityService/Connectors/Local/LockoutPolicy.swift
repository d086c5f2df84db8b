/// When repeated failed logins lock a local user out, and for how long.
///
/// After `maxFailures` failures in a row the user is locked for `duration`; each further lock-out before a
/// successful login doubles it (backoff), capped at 64 × `duration`. A successful login clears everything.
/// While locked, every attempt fails, even with the right password, and does not count as a failure.
public struct LockoutPolicy: Sendable, Equatable {
    public var maxFailures: Int
    /// Seconds.
    public var duration: Int64

    public init(maxFailures: Int, duration: Int64) {
        self.maxFailures = maxFailures
        self.duration = duration
    }

    public func isLocked(_ state: LoginFailures, now: Int64) -> Bool { now < state.lockedUntil }

    /// The state after one more failure at `now`.
    public func afterFailure(_ state: LoginFailures, now: Int64) -> LoginFailures {
        var next = state
        next.failures += 1
        if next.failures >= maxFailures {
            next.lockouts += 1
            next.failures = 0
            next.lockedUntil = now + duration * (Int64(1) << Int64(min(next.lockouts - 1, 6)))
        }
        return next
    }
}
