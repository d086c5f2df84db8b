import Foundation

/// The effective policy of one space (defaults from the cluster and the team, overridden by the space).
struct EffectiveSleepPolicy: Sendable, Equatable {
    /// Sleep after this long without activity; nil: never for inactivity.
    var sleepAfter: Duration?
    var windows: [SleepWindow] = []
    /// Delete after this long idle or asleep; nil: never.
    var deleteAfter: Duration?
    /// Warn this long before deleting.
    var deleteWarning: Duration = .seconds(24 * 3600)
    /// Kept awake until then (`berth space keep-awake --until`).
    var keepAwakeUntil: Date?
    /// Asleep with prevent-wake stays asleep until an owner wakes it explicitly.
    var preventWake: Bool = false
}

/// What should happen to a space now, and why (the reason goes into the audit event).
enum SleepDecision: Sendable, Equatable {
    case stay
    case sleep(reason: String)
    case wake(reason: String)
    case warnDelete(at: Date)
    case delete(reason: String)

    /// Decides from the clock, the last activity and where the space is. Never reads the wall clock: `now` is given.
    static func decide(
        now: Date, lastActivity: Date, asleep: Bool, asleepSince: Date?, policy: EffectiveSleepPolicy,
        deleteWarned: Bool
    ) throws(SleepError) -> SleepDecision {
        // Deletion after a long idle (or asleep) time comes first: it does not depend on the rest.
        if let deleteAfter = policy.deleteAfter {
            let idleSince = asleep ? min(lastActivity, asleepSince ?? lastActivity) : lastActivity
            let due = idleSince.addingTimeInterval(deleteAfter.seconds)
            if now >= due { return .delete(reason: "idle since \(Self.iso(idleSince)), deleteAfter \(Self.short(deleteAfter))") }
            if !deleteWarned && now >= due.addingTimeInterval(-policy.deleteWarning.seconds) { return .warnDelete(at: due) }
        }
        let pinned = policy.keepAwakeUntil.map { now < $0 } ?? false
        var inWindow = false
        for window in policy.windows where try window.contains(now) {
            inWindow = true
            break
        }
        let idle = policy.sleepAfter.map { now >= lastActivity.addingTimeInterval($0.seconds) } ?? false
        if asleep {
            if policy.preventWake { return .stay }
            if pinned { return .wake(reason: "kept awake until \(Self.iso(policy.keepAwakeUntil ?? now))") }
            // Woken by a schedule only: an inactivity sleep ends with activity (the wake-on-demand path), and a
            // space asleep by schedule wakes when its window ends unless it is idle anyway.
            if !inWindow && !idle && !policy.windows.isEmpty { return .wake(reason: "schedule") }
            if !idle && policy.windows.isEmpty { return .wake(reason: "activity") }
            return .stay
        }
        if pinned { return .stay }
        if inWindow { return .sleep(reason: "schedule") }
        if idle, let sleepAfter = policy.sleepAfter { return .sleep(reason: "inactivity for \(Self.short(sleepAfter))") }
        return .stay
    }

    /// "90m" → "1h30m", "3600s" → "1h", "45s".
    static func short(_ duration: Duration) -> String {
        var rest = Int(duration.seconds)
        var text = ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}

extension Duration {
    var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
