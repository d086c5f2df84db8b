import Logging
import ServiceLifecycle
import SupervisorService

/// Runs a supervisor inside a real `ServiceGroup`, runs `body` while it is up, then triggers graceful
/// shutdown (what SIGTERM does in berthd) and waits until the group has returned.
func withRunningSupervisor(
    _ supervisor: Supervisor,
    _ body: @Sendable () async throws -> Void
) async throws {
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(
            services: [supervisor], logger: Logger(label: "test.group") { _ in SwiftLogNoOpLogHandler() }))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            try await body()
        } catch {
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

/// A fast policy for tests: short probe interval and backoff; generous readiness and grace.
func testPolicy(
    stopGracePeriod: Duration = .seconds(5),
    restartBackoffInitial: Duration = .milliseconds(100),
    restartBackoffMax: Duration = .seconds(2),
    stableAfter: Duration = .seconds(60),
    crashLoopRestarts: Int = 5,
    readinessTimeout: Duration = .seconds(10)
) -> SupervisorPolicy {
    SupervisorPolicy(
        stopGracePeriod: stopGracePeriod, restartBackoffInitial: restartBackoffInitial,
        restartBackoffMax: restartBackoffMax, stableAfter: stableAfter, crashLoopRestarts: crashLoopRestarts,
        crashLoopWindow: .seconds(60), readinessTimeout: readinessTimeout, probeInterval: .milliseconds(50))
}
