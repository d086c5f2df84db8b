import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Logging
import ServiceLifecycle

/// Helpers for the audit integration tests.
enum AuditTestSupport {
    /// The newest records (up to 1000), oldest first.
    static func records(_ env: TestEnvironment) async throws -> [AuditV1.Record] {
        let response = try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .audit), AuditV1.tail, AuditV1.TailRequest(limit: 1000))
        return response.records.reversed()
    }

    /// Berth-audit records its own `service.started` just after it reports SERVING: waits for it and returns its
    /// sequence, so a test's own appends have known sequences after it.
    static func ownStart(_ env: TestEnvironment) async throws -> UInt64 {
        var sequence: UInt64?
        _ = await eventually(timeout: .seconds(10)) {
            sequence = (try? await records(env))?.last { $0.event?.action == AuditAction.serviceStarted.rawValue }?.sequence
            return sequence != nil
        }
        guard let sequence else { throw TestFixtureError("berth-audit did not record its own service.started") }
        return sequence
    }

    /// The events a test stored itself: without the services' own `service.*` events.
    static func withoutLifecycle(_ events: [AuditV1.Event]) -> [AuditV1.Event] {
        events.filter { !$0.action.hasPrefix("service.") }
    }
}

/// Runs a `ServiceHost` until `body` returns, then stops it gracefully — as SIGTERM does, not by cancelling it —
/// and waits until it ended.
func withGracefullyStoppedService(
    _ host: ServiceHost, in environment: TestEnvironment, _ body: @Sendable () async throws -> Void
) async throws {
    struct Hosted: Service {
        let host: ServiceHost
        func run() async throws { try await host.run() }
    }
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(services: [.init(service: Hosted(host: host))], logger: Logger(label: "test")))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let serving = await eventually(timeout: .seconds(10)) { await environment.isServing(host.name) }
        guard serving else {
            tasks.cancelAll()
            throw TestFixtureError("\(host.name.executableName) did not report SERVING")
        }
        try await body()
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}
