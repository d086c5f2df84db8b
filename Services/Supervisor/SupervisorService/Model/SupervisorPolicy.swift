/// Timings of supervision: how long a child may take to serve, how restarts back off, when a crash loop is
/// flagged and how long a stopping child gets before SIGKILL.
public struct SupervisorPolicy: Sendable, Hashable {
    /// Time between SIGTERM to a child's process group and SIGKILL to it.
    public var stopGracePeriod: Duration
    /// Delay before the first restart after a crash; doubled on each further crash.
    public var restartBackoffInitial: Duration
    /// Upper bound of the restart delay.
    public var restartBackoffMax: Duration
    /// A child serving this long counts as stable: the backoff resets and a crash-loop flag clears.
    public var stableAfter: Duration
    /// A crash loop is flagged when a child exits this many times within `crashLoopWindow`.
    public var crashLoopRestarts: Int
    public var crashLoopWindow: Duration
    /// A child not serving this long after its start (or after it stopped serving) is killed and restarted.
    public var readinessTimeout: Duration
    /// Time between two readiness probes of one child.
    public var probeInterval: Duration

    public init(
        stopGracePeriod: Duration = .seconds(10),
        restartBackoffInitial: Duration = .milliseconds(500),
        restartBackoffMax: Duration = .seconds(30),
        stableAfter: Duration = .seconds(60),
        crashLoopRestarts: Int = 5,
        crashLoopWindow: Duration = .seconds(120),
        readinessTimeout: Duration = .seconds(30),
        probeInterval: Duration = .milliseconds(200)
    ) {
        self.stopGracePeriod = stopGracePeriod
        self.restartBackoffInitial = restartBackoffInitial
        self.restartBackoffMax = restartBackoffMax
        self.stableAfter = stableAfter
        self.crashLoopRestarts = crashLoopRestarts
        self.crashLoopWindow = crashLoopWindow
        self.readinessTimeout = readinessTimeout
        self.probeInterval = probeInterval
    }

    /// Throws when a value cannot work (zero or negative durations, a backoff maximum below its start).
    public func validate() throws(SupervisorError) {
        let positive: [(String, Duration)] = [
            ("stopGracePeriod", stopGracePeriod), ("restartBackoffInitial", restartBackoffInitial),
            ("stableAfter", stableAfter), ("crashLoopWindow", crashLoopWindow),
            ("readinessTimeout", readinessTimeout), ("probeInterval", probeInterval),
        ]
        for (key, value) in positive where value <= .zero {
            throw .invalidPolicy(key: key, problem: "is \(value)", fix: "use a positive duration")
        }
        if restartBackoffMax < restartBackoffInitial {
            throw .invalidPolicy(
                key: "restartBackoffMax", problem: "is below restartBackoffInitial",
                fix: "use a maximum at least as long as the initial delay")
        }
        if crashLoopRestarts < 1 {
            throw .invalidPolicy(key: "crashLoopRestarts", problem: "is \(crashLoopRestarts)", fix: "use 1 or more")
        }
    }
}
