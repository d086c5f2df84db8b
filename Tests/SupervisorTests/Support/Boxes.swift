import Synchronization

/// Carries pids out of a `@Sendable` test body.
final class PidBox: Sendable {
    private let pids = Mutex<[Int32]>([])
    func set(_ value: [Int32]) { pids.withLock { $0 = value } }
    func get() -> [Int32] { pids.withLock { $0 } }
}

/// Carries an instant out of a `@Sendable` test body.
final class TimeBox: Sendable {
    private let instant = Mutex<ContinuousClock.Instant?>(nil)
    func set(_ value: ContinuousClock.Instant) { instant.withLock { $0 = value } }
    func get() -> ContinuousClock.Instant? { instant.withLock { $0 } }
}
