/// One child in a `SupervisorSnapshot`.
///
/// Times are durations on the supervisor's clock (monotonic, measured from the supervisor's creation), so a
/// status never reads the wall clock.
public struct ChildStatus: Sendable, Hashable, Codable {
    public var name: String
    public var state: ChildState
    /// The current process id (also its process group id), or nil when no process runs.
    public var pid: Int32?
    /// Processes spawned after the first one.
    public var restarts: Int
    /// When the current process was spawned, as time since the supervisor was created.
    public var startedAt: Duration?
    /// How long the current process has run (filled in by the snapshot).
    public var uptime: Duration?
    /// How the previous process ended.
    public var lastExit: ChildExit?
    /// True while the child restarts too often; clears once it has served for `stableAfter`.
    public var crashLoop: Bool
    /// While in `backoff`/`crashLoop`: the delay before the next start.
    public var nextRestartIn: Duration?

    public init(name: String) {
        self.name = name
        self.state = .pending
        self.pid = nil
        self.restarts = 0
        self.startedAt = nil
        self.uptime = nil
        self.lastExit = nil
        self.crashLoop = false
        self.nextRestartIn = nil
    }
}
