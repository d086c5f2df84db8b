import BerthRPC

/// A sleep policy at one level (`cluster`, `team`, `space`): what the level sets itself, the effective values
/// (space over team over cluster over built-in defaults) and where each effective value comes from.
struct SleepPolicyResource: Codable, Sendable, Equatable {
    /// The values as berth-sleep spells them; "" is unset (inherit).
    struct Policy: Codable, Sendable, Equatable {
        /// "1h", "30m" or "never".
        var sleepAfter: String?
        /// "Mon-Fri 19:00-08:00 Europe/Berlin"; ["none"] is explicitly no windows.
        var windows: [String]?
        /// "30d", "720h" or "never".
        var deleteAfter: String?
        var deleteWarning: String?
        /// "true" or "false".
        var preventWake: String?
        /// RFC 3339 or "none".
        var keepAwakeUntil: String?

        init(_ policy: SleepV1.SleepPolicy?) {
            let policy = policy ?? SleepV1.SleepPolicy()
            sleepAfter = policy.sleepAfter.nilIfEmpty
            windows = policy.windows.isEmpty ? nil : policy.windows
            deleteAfter = policy.deleteAfter.nilIfEmpty
            deleteWarning = policy.deleteWarning.nilIfEmpty
            preventWake = policy.preventWake.nilIfEmpty
            keepAwakeUntil = policy.keepAwakeUntil.nilIfEmpty
        }

        var wire: SleepV1.SleepPolicy {
            SleepV1.SleepPolicy(
                sleepAfter: sleepAfter ?? "", windows: windows ?? [], deleteAfter: deleteAfter ?? "",
                deleteWarning: deleteWarning ?? "", preventWake: preventWake ?? "", keepAwakeUntil: keepAwakeUntil ?? "")
        }
    }

    struct Source: Codable, Sendable, Equatable {
        var field: String
        /// "space main/dev", "team payments", "cluster main" or "default".
        var source: String
    }

    var scope: String
    var name: String
    /// The space's cluster (`?cluster=`), absent for the default; for a cluster policy, the cluster itself.
    var cluster: String?
    var own: Policy
    var effective: Policy
    var sources: [Source]

    init(scope: String, name: String, cluster: String, view: SleepV1.SleepPolicyView) {
        self.scope = scope
        self.name = name
        self.cluster = cluster.nilIfEmpty
        own = Policy(view.own)
        effective = Policy(view.effective)
        sources = view.sources.map { Source(field: $0.field, source: $0.source) }
    }
}
