import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state machine of one child: spawn, wait for SERVING (with a timeout), watch, restart with backoff,
/// flag crash loops, stop on request. One actor per child, so children never wait on each other: a crash
/// of one restarts that one only.
///
/// `run()` is the loop (one call, for the supervisor's task group); `stop()` ends it from outside. Every
/// status change is published to the `StatusBoard`; once `stop()` has begun, only `stop()` publishes.
actor ChildController {
    let spec: ChildSpec
    private let index: Int
    private let policy: SupervisorPolicy
    private let probe: any ReadinessProbe
    private let reporter: any ReadinessReporter
    private let clock: SupervisorClock
    private let board: StatusBoard
    private let logger: Logger

    /// Fulfilled by `stop()`; wakes every wait of the run loop.
    private let stopRequested = Latch<Bool>()
    /// Fulfilled when `stop()` has finished.
    private let stopped = Latch<Bool>()
    /// True the first time the child serves; false if it is stopped before it ever served.
    let firstServing = Latch<Bool>()

    private var process: ChildProcess?
    private var isStopping = false
    private var attempts = 0
    private var backoff: RestartBackoff
    private var crashLoop: CrashLoopDetector

    init(
        spec: ChildSpec, index: Int, policy: SupervisorPolicy, probe: any ReadinessProbe,
        reporter: any ReadinessReporter, clock: SupervisorClock, board: StatusBoard, logger: Logger
    ) {
        self.spec = spec
        self.index = index
        self.policy = policy
        self.probe = probe
        self.reporter = reporter
        self.clock = clock
        self.board = board
        var logger = logger
        logger[metadataKey: "service"] = "\(spec.name)"
        self.logger = logger
        self.backoff = RestartBackoff(initial: policy.restartBackoffInitial, maximum: policy.restartBackoffMax)
        self.crashLoop = CrashLoopDetector(limit: policy.crashLoopRestarts, window: policy.crashLoopWindow)
    }

    /// Runs the child until `stop()` (or until the task is cancelled, which kills it at once).
    func run() async {
        while !isStopping && !Task.isCancelled {
            let current: ChildProcess
            do {
                current = try spawnNext()
            } catch {
                logger.error("child could not be started", metadata: ["error": "\(error)"])
                await recordExit(.spawnFailed(message: error.message))
                guard await waitBeforeRestart() else { break }
                continue
            }
            switch await watch(current) {
            case .stopRequested:
                return
            case .cancelled:
                await killAtOnce(current)
                return
            case .exited(let exit):
                current.signalGroup(SIGKILL)  // grandchildren left behind in its process group
                guard !isStopping else { return }
                process = nil
                await recordExit(exit)
            case .notServing(let waited):
                logger.warning(
                    "child not serving before the readiness timeout; killing it",
                    metadata: ["waited": "\(waited)", "pid": "\(current.pid)"])
                let exit = await terminate(current)
                guard !isStopping else { return }
                process = nil
                await recordExit(exit)
            }
            guard await waitBeforeRestart() else { break }
        }
        if let process, !isStopping {
            await killAtOnce(process)
        }
    }

    /// Stops the child: SIGTERM to its process group, SIGKILL after the grace period, then waits until it is
    /// reaped. The run loop does not restart it afterwards. Safe to call more than once and before `run()`.
    func stop() async {
        guard !isStopping else {
            _ = await stopped.waitIgnoringCancellation()
            return
        }
        isStopping = true
        stopRequested.fulfill(true)
        firstServing.fulfill(false)
        if let process {
            logger.info("stopping child", metadata: ["pid": "\(process.pid)"])
            board.update(index) { $0.state = .stopping }
            let exit = await terminate(process)
            board.update(index) { $0.lastExit = exit }
            logger.info("child stopped", metadata: ["exit": "\(exit)"])
        }
        process = nil
        board.update(index) { status in
            status.state = .stopped
            status.pid = nil
            status.startedAt = nil
            status.nextRestartIn = nil
        }
        stopped.fulfill(true)
    }
}

// MARK: - Life cycle steps

extension ChildController {
    private enum WatchOutcome {
        case exited(ChildExit)
        case notServing(waited: Duration)
        case stopRequested
        case cancelled
    }

    private enum Event: Sendable {
        case probed(Bool)
        case exited
        case stopRequested
        case tick
    }

    /// Publishes a change unless `stop()` has taken over the status.
    private func publish(_ change: (inout ChildStatus) -> Void) {
        guard !isStopping else { return }
        board.update(index, change)
    }

    private func spawnNext() throws(SupervisorError) -> ChildProcess {
        attempts += 1
        if attempts > 1 { publish { $0.restarts += 1 } }
        let spawned = try ChildProcess.spawn(spec, logger: logger)
        process = spawned
        let startedAt = clock.now
        publish { status in
            status.state = .starting
            status.pid = spawned.pid
            status.startedAt = startedAt
            status.nextRestartIn = nil
        }
        logger.info("child started", metadata: ["pid": "\(spawned.pid)", "attempt": "\(attempts)"])
        return spawned
    }

    /// Probes the child every `probeInterval` until it exits, stops serving for too long, or stop begins.
    private func watch(_ current: ChildProcess) async -> WatchOutcome {
        var servingSince: Duration?
        var notServingSince = clock.now
        var stable = false
        while true {
            if isStopping { return .stopRequested }
            if Task.isCancelled { return .cancelled }
            if let exit = current.exit.value { return .exited(exit) }

            let event = await next(current, probing: true)
            if isStopping { return .stopRequested }
            guard case .probed(let serving) = event else { continue }

            let now = clock.now
            if serving {
                if servingSince == nil {
                    servingSince = now
                    publish { $0.state = .serving }
                    firstServing.fulfill(true)
                    logger.info("child serving", metadata: ["pid": "\(current.pid)"])
                }
                if !stable, let since = servingSince, now - since >= policy.stableAfter {
                    stable = true
                    becameStable()
                }
            } else {
                if servingSince != nil {
                    servingSince = nil
                    notServingSince = now
                    publish { $0.state = .starting }
                    logger.warning("child stopped serving", metadata: ["pid": "\(current.pid)"])
                }
                if now - notServingSince >= policy.readinessTimeout {
                    return .notServing(waited: now - notServingSince)
                }
            }
            _ = await next(current, probing: false)
        }
    }

    /// Waits for whichever comes first: the probe's answer (or the probe interval when not probing), the
    /// child's exit, a stop request.
    private func next(_ current: ChildProcess, probing: Bool) async -> Event {
        let probe = self.probe
        let spec = self.spec
        let clock = self.clock
        let interval = policy.probeInterval
        let stopRequested = self.stopRequested
        let first: @Sendable () async -> Event
        if probing {
            first = { .probed(await probe.isServing(spec)) }
        } else {
            first = {
                try? await clock.sleep(for: interval)
                return .tick
            }
        }
        return await race(
            first,
            {
                _ = await current.exit.wait()
                return .exited
            },
            {
                _ = await stopRequested.wait()
                return .stopRequested
            })
    }

    private func becameStable() {
        backoff.reset()
        let wasLooping = crashLoop.isFlagged
        crashLoop.reset()
        publish { $0.crashLoop = false }
        if wasLooping {
            logger.notice("child stable again; crash loop cleared")
        }
    }

    private func recordExit(_ exit: ChildExit) async {
        let raised = crashLoop.recordExit(at: clock.now)
        let looping = crashLoop.isFlagged
        publish { status in
            status.lastExit = exit
            status.pid = nil
            status.startedAt = nil
            status.crashLoop = looping
        }
        logger.warning("child exited", metadata: ["exit": "\(exit)"])
        if raised {
            logger.error(
                "child is crash-looping",
                metadata: [
                    "exits": "\(policy.crashLoopRestarts)", "window": "\(policy.crashLoopWindow)",
                    "exit": "\(exit)",
                ])
            await reporter.status("\(spec.name) is crash-looping (\(exit))")
        }
    }

    /// Sleeps the backoff delay (interrupted by stop); false when the loop must end instead of restarting.
    private func waitBeforeRestart() async -> Bool {
        guard !isStopping, !Task.isCancelled else { return false }
        let delay = backoff.next()
        let looping = crashLoop.isFlagged
        publish { status in
            status.state = looping ? .crashLoop : .backoff
            status.nextRestartIn = delay
        }
        logger.info("child restarts after a delay", metadata: ["delay": "\(delay)"])
        let clock = self.clock
        let stopRequested = self.stopRequested
        await race(
            { try? await clock.sleep(for: delay) },
            { _ = await stopRequested.wait() })
        return !isStopping && !Task.isCancelled
    }

    /// SIGTERM to the process group, SIGKILL after the grace period; returns once the child is reaped. A
    /// final SIGKILL to the group takes grandchildren that outlived the leader.
    private func terminate(_ current: ChildProcess) async -> ChildExit {
        current.signalGroup(SIGTERM)
        let clock = self.clock
        let grace = policy.stopGracePeriod
        let exitedInTime = await race(
            { await current.exit.wait() != nil },
            {
                try? await clock.sleep(for: grace)
                return false
            })
        if !exitedInTime {
            logger.warning(
                "child ignored SIGTERM for the grace period; sending SIGKILL",
                metadata: ["pid": "\(current.pid)", "grace": "\(grace)"])
            current.signalGroup(SIGKILL)
        }
        let exit = await current.exit.waitIgnoringCancellation()
        current.signalGroup(SIGKILL)
        return exit
    }

    /// On cancellation (no graceful shutdown): SIGKILL and reap, so no child outlives berthd.
    private func killAtOnce(_ current: ChildProcess) async {
        current.signalGroup(SIGKILL)
        let exit = await current.exit.waitIgnoringCancellation()
        process = nil
        publish { status in
            status.state = .stopped
            status.pid = nil
            status.startedAt = nil
            status.lastExit = exit
        }
        logger.warning("child killed: supervisor cancelled", metadata: ["exit": "\(exit)"])
    }
}
