import BerthRPC

/// Where the policies of each level live (the wire form, normalized and validated before it is stored).
///
/// Contract: `set` replaces the scope's policy atomically (a policy with every field "" deletes it); `get` of a
/// scope without one returns nil; `all` returns every stored scope's policy by `PolicyScope.key`.
protocol SleepPolicyStore: Sendable {
    func set(_ scope: PolicyScope, _ policy: SleepV1.SleepPolicy) async throws
    func get(_ scope: PolicyScope) async throws -> SleepV1.SleepPolicy?
    func all() async throws -> [String: SleepV1.SleepPolicy]
}
