import Logging

/// berthd's core: runs the Berth services as child processes, in order, each after the previous serves;
/// restarts crashed ones with backoff; stops them in reverse order on graceful shutdown.
///
/// A `Service` for swift-service-lifecycle (conformance in `Supervisor+Service.swift`): put it in a
/// `ServiceGroup` with `gracefulShutdownSignals: [.sigterm, .sigint]`. `snapshot()` may be called from any
/// thread at any time, before, during and after `run()`.
public final class Supervisor: Sendable {
    let children: [ChildSpec]
    let policy: SupervisorPolicy
    let reporter: any ReadinessReporter
    let logger: Logger
    let controllers: [ChildController]
    private let clock: SupervisorClock
    private let board: StatusBoard

    /// - Parameters:
    ///   - children: in start order (`ServiceName.startOrder` for berthd); stopped in reverse order.
    ///   - probe: decides when a child serves.
    ///   - reporter: told when all serve and when stopping (sd_notify in berthd).
    ///   - clock: every sleep and every time in the snapshot goes through it.
    ///   - logger: supervisor events, and each child's output lines with `service=<name>`.
    public init(
        children: [ChildSpec],
        policy: SupervisorPolicy = SupervisorPolicy(),
        probe: any ReadinessProbe,
        reporter: any ReadinessReporter = SilentReadinessReporter(),
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger
    ) {
        let clock = SupervisorClock(clock)
        let board = StatusBoard(names: children.map(\.name))
        self.children = children
        self.policy = policy
        self.reporter = reporter
        self.logger = logger
        self.clock = clock
        self.board = board
        self.controllers = children.enumerated().map { index, spec in
            ChildController(
                spec: spec, index: index, policy: policy, probe: probe, reporter: reporter, clock: clock,
                board: board, logger: logger)
        }
    }

    /// Every child's state, pid, restarts, uptime and last exit, in start order.
    public func snapshot() -> SupervisorSnapshot {
        board.snapshot(now: clock.now)
    }

    /// Throws when the policy cannot work or the children are empty or named twice.
    public func validate() throws(SupervisorError) {
        try policy.validate()
        guard !children.isEmpty else {
            throw .invalidChildren("are empty", fix: "configure at least one service to run")
        }
        var seen = Set<String>()
        for child in children where !seen.insert(child.name).inserted {
            throw .invalidChildren("name \"\(child.name)\" twice", fix: "give every child a unique name")
        }
    }
}
