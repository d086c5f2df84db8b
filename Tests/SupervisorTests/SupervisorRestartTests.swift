import BerthTesting
import Foundation
import SupervisorService
import XCTest

/// Crash loops, readiness timeouts, spawn failures and output relay: real child processes.
final class SupervisorRestartTests: XCTestCase {
    private var fixtures: FixtureChildren!

    override func setUpWithError() throws {
        fixtures = try FixtureChildren()
    }

    override func tearDown() {
        fixtures.remove()
    }

    func testChildExitingAtOnceBacksOffGrowingIsFlaggedCrashLoopAndOthersKeepServing() async throws {
        let logs = CapturedLogs()
        let reporter = RecordingReporter()
        let supervisor = Supervisor(
            children: [fixtures.child("audit"), fixtures.child("identity"), fixtures.child("broken", .exit)],
            policy: testPolicy(
                restartBackoffInitial: .milliseconds(50), restartBackoffMax: .milliseconds(400),
                crashLoopRestarts: 4),
            probe: SocketConnectProbe(), reporter: reporter, logger: logs.logger())
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(10), "audit and identity serving") {
                let snapshot = supervisor.snapshot()
                return snapshot["audit"]?.state == .serving && snapshot["identity"]?.state == .serving
            }
            let servingPids = supervisor.snapshot().services.prefix(2).map(\.pid)
            try await eventually(within: .seconds(10), "broken flagged as crash loop") {
                let broken = supervisor.snapshot()["broken"]
                return broken?.crashLoop == true && broken?.state == .crashLoop
            }
            try await eventually(within: .seconds(10), "five restart delays logged") {
                Self.restartDelays(logs, "broken").count >= 5
            }
            XCTAssertEqual(
                Array(Self.restartDelays(logs, "broken").prefix(5)),
                ["0.05 seconds", "0.1 seconds", "0.2 seconds", "0.4 seconds", "0.4 seconds"])
            let snapshot = supervisor.snapshot()
            XCTAssertEqual(snapshot["broken"]?.lastExit?.description, "exit status 3")
            XCTAssertGreaterThanOrEqual(snapshot["broken"]?.restarts ?? 0, 4)
            XCTAssertEqual(snapshot.services.prefix(2).map(\.pid), servingPids, "no cascade")
            XCTAssertEqual(snapshot.services.prefix(2).map(\.state), [.serving, .serving])
            XCTAssertEqual(snapshot.services.prefix(2).map(\.restarts), [0, 0])
            XCTAssertTrue(reporter.events.contains { $0.hasPrefix("STATUS broken is crash-looping") })
            XCTAssertFalse(reporter.events.contains("READY"), "READY only when all serve")
        }
    }

    func testChildNeverServingIsKilledAndRestartedAfterTheReadinessTimeout() async throws {
        let supervisor = Supervisor(
            children: [fixtures.child("mute", .neverReady)],
            policy: testPolicy(restartBackoffInitial: .milliseconds(50), readinessTimeout: .milliseconds(400)),
            probe: SocketConnectProbe(), logger: CapturedLogs().logger())
        let fixtures = try XCTUnwrap(self.fixtures)
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(5), "mute restarted after a readiness timeout") {
                let mute = supervisor.snapshot()["mute"]
                // The fixture exits 0 from its SIGTERM handler.
                return (mute?.restarts ?? 0) >= 1 && mute?.lastExit == .exited(status: 0)
            }
            try await eventually(within: .seconds(2), "second process started") {
                fixtures.events().filter { $0.first == "start" }.count >= 2
            }
            XCTAssertTrue(fixtures.events().contains(["term", "mute"]), "the first one was sent SIGTERM")
        }
    }

    func testMissingExecutableIsReportedAndRetriedWithBackoff() async throws {
        var child = fixtures.child("ghost")
        child.executable = fixtures.directory.appendingPathComponent("no-such-program").path
        let supervisor = Supervisor(
            children: [child], policy: testPolicy(restartBackoffInitial: .milliseconds(50)),
            probe: SocketConnectProbe(), logger: CapturedLogs().logger())
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(5), "spawn failure recorded and retried") {
                let ghost = supervisor.snapshot()["ghost"]
                guard case .spawnFailed(let message)? = ghost?.lastExit else { return false }
                return message.contains("No such file or directory") && (ghost?.restarts ?? 0) >= 2
            }
        }
        XCTAssertEqual(supervisor.snapshot()["ghost"]?.state, .stopped)
    }

    func testRelaysEachOutputLineWithTheServiceNameAndFlushesAPartialLastLine() async throws {
        let logs = CapturedLogs()
        let supervisor = Supervisor(
            children: [fixtures.child("talker", .talk)], policy: testPolicy(),
            probe: SocketConnectProbe(), logger: logs.logger())
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(5), "talker exited once") {
                supervisor.snapshot()["talker"]?.lastExit != nil
            }
            try await eventually(within: .seconds(2), "partial line relayed") {
                logs.all.contains { $0.message == "partial without newline" }
            }
        }
        let relayed = logs.all.filter { $0.metadata["stream"] != nil }
        let firstRun = relayed.prefix(4)
        XCTAssertEqual(
            firstRun.filter { $0.metadata["stream"] == "stderr" }.map(\.message),
            ["err line 1", "err line 2", "partial without newline"])
        XCTAssertEqual(firstRun.filter { $0.metadata["stream"] == "stdout" }.map(\.message), ["out line"])
        XCTAssertTrue(relayed.allSatisfy { $0.metadata["service"] == "talker" })
    }

    /// The `delay` metadata of "child restarts after a delay" records for `service`, in order.
    private static func restartDelays(_ logs: CapturedLogs, _ service: String) -> [String] {
        logs.all.filter { $0.message == "child restarts after a delay" && $0.metadata["service"] == service }
            .compactMap { $0.metadata["delay"] }
    }
}

/// The crash-loop flag and the backoff reset once a child has served for `stableAfter`; cancellation.
final class SupervisorStabilityTests: XCTestCase {
    private var fixtures: FixtureChildren!

    override func setUpWithError() throws {
        fixtures = try FixtureChildren()
    }

    override func tearDown() {
        fixtures.remove()
    }

    func testCrashLoopFlagClearsAndBackoffResetsAfterServingForTheStablePeriod() async throws {
        let logs = CapturedLogs()
        let supervisor = Supervisor(
            children: [fixtures.child("flaky", .crashFirst, crashes: 3)],
            policy: testPolicy(
                restartBackoffInitial: .milliseconds(50), restartBackoffMax: .seconds(1),
                stableAfter: .milliseconds(600), crashLoopRestarts: 3),
            probe: SocketConnectProbe(), logger: logs.logger())
        try await withRunningSupervisor(supervisor) {
            try await eventually(within: .seconds(10), "flaky serving while still flagged") {
                let flaky = supervisor.snapshot()["flaky"]
                return flaky?.state == .serving && flaky?.crashLoop == true
            }
            XCTAssertEqual(supervisor.snapshot()["flaky"]?.restarts, 3)
            try await eventually(within: .seconds(5), "crash-loop flag cleared after the stable period") {
                supervisor.snapshot()["flaky"]?.crashLoop == false
            }
            let uptime = try XCTUnwrap(supervisor.snapshot()["flaky"]?.uptime)
            XCTAssertGreaterThanOrEqual(uptime, .milliseconds(600))

            // Backoff is back at its start: the next crash restarts after 50 ms, not 400 ms.
            let pid = try XCTUnwrap(supervisor.snapshot()["flaky"]?.pid)
            XCTAssertEqual(kill(pid, SIGKILL), 0)
            try await eventually(within: .seconds(5), "flaky serving again") {
                let flaky = supervisor.snapshot()["flaky"]
                return flaky?.state == .serving && flaky?.pid != pid
            }
        }
        let delays = logs.all.filter { $0.message == "child restarts after a delay" }.compactMap { $0.metadata["delay"] }
        XCTAssertEqual(delays, ["0.05 seconds", "0.1 seconds", "0.2 seconds", "0.05 seconds"])
    }

    func testCancellingRunKillsEveryChildAtOnce() async throws {
        let supervisor = Supervisor(
            children: [fixtures.child("audit"), fixtures.child("stubborn", .ignoreTerm)],
            policy: testPolicy(stopGracePeriod: .seconds(30)),
            probe: SocketConnectProbe(), logger: CapturedLogs().logger())
        let run = Task { try await supervisor.run() }
        try await eventually(within: .seconds(10), "all serving") { supervisor.snapshot().allServing }
        let pids = supervisor.snapshot().services.compactMap(\.pid)
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        run.cancel()
        try await run.value
        XCTAssertLessThan(cancelledAt.duration(to: clock.now), .seconds(5), "no grace period on cancellation")
        XCTAssertEqual(pids.count, 2)
        for pid in pids {
            XCTAssertTrue(processIsGone(pid), "child \(pid) outlived the cancelled supervisor")
        }
        XCTAssertEqual(supervisor.snapshot().services.map(\.state), [.stopped, .stopped])
    }
}
