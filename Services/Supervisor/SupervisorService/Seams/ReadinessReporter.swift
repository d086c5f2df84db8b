/// Tells the service manager how the supervisor is doing. The lead plugs in sd_notify (`READY=1`,
/// `STOPPING=1`, `STATUS=…`).
///
/// Contract: `allServing()` is called once, when every child serves for the first time (a later restart does
/// not repeat it); `stopping()` once, when shutdown begins; `status(_:)` whenever the one-line summary changes
/// (starting a child, all serving, a crash loop). Calls come from the supervisor's tasks, one at a time per
/// event; an implementation must not block.
public protocol ReadinessReporter: Sendable {
    func allServing() async
    func stopping() async
    func status(_ text: String) async
}

/// A reporter that tells nobody: for tests and for running without systemd.
public struct SilentReadinessReporter: ReadinessReporter {
    public init() {}
    public func allServing() async {}
    public func stopping() async {}
    public func status(_ text: String) async {}
}
