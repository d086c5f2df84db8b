import BerthTesting
import Foundation
import Logging
import ServiceLifecycle
import SupervisorService
import XCTest

/// Start order, restart after SIGKILL, graceful shutdown: real child processes, a real socket probe.
final class SupervisorLifecycleTests: XCTestCase {
    private var fixtures: FixtureChildren!

    override func setUpWithError() throws {
        fixtures = try FixtureChildren()
    }

    override func tearDown() {
        fixtures.remove()
    }

    func testStartsEachChildOnlyAfterThePreviousServesThenReportsReady() async throws {
        let names = ["audit", "identity", "tenancy"]
        let fixtures = try XCTUnwrap(self.fixtures)
        let reporter = RecordingReporter()
        let supervisor = Supervisor(
            children: names.map { fixtures.child($0, readyDelay: 0.3) }, policy: testPolicy(),
            probe: SocketConnectProbe(), reporter: reporter, logger: CapturedLogs().logger())
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(10), "all children serving") { supervisor.snapshot().allServing }
            try await eventually(within: .seconds(2), "READY reported") { reporter.events.contains("READY") }
            let events = fixtures.events()
            for (previous, next) in zip(names, names.dropFirst()) {
                let ready = try XCTUnwrap(events.firstIndex(of: ["ready", previous]))
                let start = try XCTUnwrap(events.firstIndex { $0.prefix(2) == ["start", next] })
                XCTAssertLessThan(ready, start, "\(next) started before \(previous) was ready: \(events)")
            }
            XCTAssertEqual(events.filter { $0.first == "start" }.map { $0[1] }, names, "one start each, in order")
        }
        XCTAssertEqual(reporter.events.filter { !$0.hasPrefix("STATUS") }, ["READY", "STOPPING"])
    }

    func testChildKilledWithSIGKILLIsServingAgainWithin2sWhileTheOthersKeepServing() async throws {
        let supervisor = Supervisor(
            children: ["audit", "identity", "tenancy"].map { fixtures.child($0) },
            policy: testPolicy(restartBackoffInitial: .milliseconds(500)),
            probe: SocketConnectProbe(), logger: CapturedLogs().logger())
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(10), "all children serving") { supervisor.snapshot().allServing }
            let before = supervisor.snapshot()
            let victim = try XCTUnwrap(before["identity"]?.pid)
            let clock = ContinuousClock()
            let killedAt = clock.now
            XCTAssertEqual(kill(victim, SIGKILL), 0)

            try await eventually(within: .seconds(2), "identity restarted and serving") {
                let identity = supervisor.snapshot()["identity"]
                return identity?.state == .serving && identity?.pid != victim && identity?.restarts == 1
            }
            print("SIGKILL to serving again (restart delay 0.5 s): \(killedAt.duration(to: clock.now))")
            let after = supervisor.snapshot()
            XCTAssertEqual(after["identity"]?.lastExit, .signaled(signal: SIGKILL, coreDumped: false))
            XCTAssertEqual(after["identity"]?.lastExit?.description, "signal 9 (KILL)")
            for name in ["audit", "tenancy"] {
                XCTAssertEqual(after[name]?.pid, before[name]?.pid, "\(name) must not be restarted")
                XCTAssertEqual(after[name]?.restarts, 0)
                XCTAssertEqual(after[name]?.state, .serving)
            }
        }
    }

    func testGracefulShutdownStopsChildrenInReverseOrderWithTheirGrandchildren() async throws {
        let names = ["audit", "identity", "tenancy"]
        let supervisor = Supervisor(
            children: names.map { fixtures.child($0) }, policy: testPolicy(stopGracePeriod: .seconds(5)),
            probe: SocketConnectProbe(), logger: CapturedLogs().logger())
        let pids = PidBox()
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(10), "all children serving") { supervisor.snapshot().allServing }
            pids.set(supervisor.snapshot().services.compactMap(\.pid))
        }
        // withRunningSupervisor returned: the group shut down gracefully, well within one grace period.
        XCTAssertEqual(fixtures.events().filter { $0.first == "term" }.map { $0[1] }, names.reversed())
        XCTAssertEqual(pids.get().count, 3)
        for pid in pids.get() {
            XCTAssertTrue(processIsGone(pid), "child \(pid) still exists after shutdown")
        }
        let grandchildren = fixtures.grandchildPids()
        XCTAssertEqual(grandchildren.count, 3)
        // Orphaned grandchildren are reaped by init, not by us (and init may take its time): dead is enough.
        try await eventually(within: .seconds(2), "grandchildren dead") { grandchildren.allSatisfy(processIsDead) }
        let final = supervisor.snapshot()
        XCTAssertEqual(final.services.map(\.state), [.stopped, .stopped, .stopped])
        XCTAssertEqual(final.services.map(\.lastExit), Array(repeating: .exited(status: 0), count: 3))
    }

    func testChildIgnoringSIGTERMIsKilledAfterTheGracePeriod() async throws {
        let supervisor = Supervisor(
            children: [fixtures.child("audit"), fixtures.child("stubborn", .ignoreTerm)],
            policy: testPolicy(stopGracePeriod: .milliseconds(700)),
            probe: SocketConnectProbe(), logger: CapturedLogs().logger())
        let pids = PidBox()
        let clock = ContinuousClock()
        let shutdownStarted = TimeBox()
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(10), "all children serving") { supervisor.snapshot().allServing }
            pids.set(supervisor.snapshot().services.compactMap(\.pid))
            shutdownStarted.set(clock.now)
        }
        let shutdownTook = try XCTUnwrap(shutdownStarted.get()).duration(to: clock.now)
        XCTAssertGreaterThanOrEqual(shutdownTook, .milliseconds(700), "SIGKILL came before the grace period")
        XCTAssertLessThan(shutdownTook, .seconds(3))
        XCTAssertTrue(fixtures.events().contains(["term", "stubborn"]), "stubborn got SIGTERM first")
        XCTAssertEqual(supervisor.snapshot()["stubborn"]?.lastExit?.description, "signal 9 (KILL)")
        XCTAssertEqual(supervisor.snapshot()["audit"]?.lastExit, .exited(status: 0))
        for pid in pids.get() {
            XCTAssertTrue(processIsGone(pid), "child \(pid) still exists after shutdown")
        }
    }

    func testSIGTERMToTheSupervisingProcessStopsChildrenInReverseOrder() async throws {
        // The path berthd takes: ServiceGroup turns SIGTERM into graceful shutdown. ServiceGroup installs its
        // handler before it runs the services, and the signal is sent only once every child serves.
        let names = ["audit", "identity"]
        let fixtures = try XCTUnwrap(self.fixtures)
        let reporter = RecordingReporter()
        let supervisor = Supervisor(
            children: names.map { fixtures.child($0) }, policy: testPolicy(),
            probe: SocketConnectProbe(), reporter: reporter, logger: CapturedLogs().logger())
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [supervisor], gracefulShutdownSignals: [.sigterm],
                logger: Logger(label: "test.group") { _ in SwiftLogNoOpLogHandler() }))
        let pids = PidBox()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await eventually(within: .seconds(10), "all children serving") { supervisor.snapshot().allServing }
            pids.set(supervisor.snapshot().services.compactMap(\.pid))
            XCTAssertEqual(kill(getpid(), SIGTERM), 0)
            try await tasks.waitForAll()
        }
        XCTAssertEqual(fixtures.events().filter { $0.first == "term" }.map { $0[1] }, names.reversed())
        XCTAssertEqual(pids.get().count, 2)
        XCTAssertTrue(pids.get().allSatisfy(processIsGone))
        XCTAssertEqual(reporter.events.filter { !$0.hasPrefix("STATUS") }, ["READY", "STOPPING"])
    }

    func testShutdownWhileAChildNeverServesStopsItAndNeverStartsTheOnesAfterIt() async throws {
        let fixtures = try XCTUnwrap(self.fixtures)
        let reporter = RecordingReporter()
        let supervisor = Supervisor(
            children: [fixtures.child("audit"), fixtures.child("mute", .neverReady), fixtures.child("gateway")],
            policy: testPolicy(), probe: SocketConnectProbe(), reporter: reporter, logger: CapturedLogs().logger())
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(10), "mute started, audit serving") {
                let snapshot = supervisor.snapshot()
                return snapshot["audit"]?.state == .serving && snapshot["mute"]?.state == .starting
            }
            // The fixture logs "start" after installing its SIGTERM handler: wait for it, or SIGTERM could
            // arrive before the handler and go unrecorded.
            try await eventually(within: .seconds(5), "mute running its code") {
                fixtures.events().contains { $0.prefix(2) == ["start", "mute"] }
            }
            XCTAssertEqual(supervisor.snapshot()["gateway"]?.state, .pending)
        }
        XCTAssertEqual(supervisor.snapshot().services.map(\.state), [.stopped, .stopped, .stopped])
        XCTAssertFalse(fixtures.events().contains { $0.prefix(2) == ["start", "gateway"] })
        XCTAssertEqual(fixtures.events().filter { $0.first == "term" }.map { $0[1] }, ["mute", "audit"])
        XCTAssertFalse(reporter.events.contains("READY"))
    }
}
