import BerthRuntime
import Foundation

/// How long and how many events audit keeps (`audit.retention.maxAge`, `audit.retention.maxEvents`; zero
/// keeps everything). Pruning stops at the newest signed checkpoint the policy allows, so the first kept event
/// stays verifiable: up to `checkpointEvery` events more than the policy asks for may remain.
struct RetentionPolicy: Sendable, Equatable {
    var maxAge: Duration
    var maxEvents: Int

    init(maxAge: Duration, maxEvents: Int) {
        self.maxAge = maxAge
        self.maxEvents = maxEvents
    }

    init(config: BerthConfig.Audit) {
        self.init(maxAge: config.retentionMaxAge.duration, maxEvents: config.retentionMaxEvents)
    }

    var isActive: Bool { maxAge > .zero || maxEvents > 0 }

    /// Events with a time before this are expired (nil: no age limit).
    func cutoffUnixNanos(now: Date) -> Int64? {
        guard maxAge > .zero else { return nil }
        let nowNanos = Int64((now.timeIntervalSince1970 * 1e9).rounded())
        let age = maxAge.components
        return nowNanos - age.seconds * 1_000_000_000 - age.attoseconds / 1_000_000_000
    }
}
