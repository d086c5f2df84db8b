import BerthTesting
import XCTest

@testable import SupervisorService

/// The pure parts: backoff, crash-loop detection, exit decoding, policy validation, snapshot text.
final class RestartPolicyTests: XCTestCase {
    func testBackoffDoublesUpToTheMaximumAndResets() {
        var backoff = RestartBackoff(initial: .milliseconds(500), maximum: .seconds(3))
        let delays = (0..<6).map { _ in backoff.next() }
        XCTAssertEqual(
            delays,
            [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3), .seconds(3)])
        backoff.reset()
        XCTAssertEqual(backoff.next(), .milliseconds(500))
    }

    func testCrashLoopIsFlaggedOnlyForExitsWithinTheWindowAndClearsOnReset() {
        var detector = CrashLoopDetector(limit: 3, window: .seconds(10))
        XCTAssertFalse(detector.recordExit(at: .seconds(0)))
        XCTAssertFalse(detector.recordExit(at: .seconds(8)))
        XCTAssertFalse(detector.recordExit(at: .seconds(15)), "the exit at 0 s left the window")
        XCTAssertFalse(detector.isFlagged)
        XCTAssertTrue(detector.recordExit(at: .seconds(16)), "3 exits within 10 s")
        XCTAssertTrue(detector.isFlagged)
        XCTAssertFalse(detector.recordExit(at: .seconds(17)), "raised once, not again")
        detector.reset()
        XCTAssertFalse(detector.isFlagged)
    }

    func testDecodesWaitStatus() {
        XCTAssertEqual(ChildExit(waitStatus: 0), .exited(status: 0))
        XCTAssertEqual(ChildExit(waitStatus: 1 << 8).description, "exit status 1")
        XCTAssertEqual(ChildExit(waitStatus: 9).description, "signal 9 (KILL)")
        XCTAssertEqual(ChildExit(waitStatus: 0x80 | 11).description, "signal 11 (SEGV), core dumped")
    }

    func testPolicyValidationNamesTheKeyAndTheFix() {
        XCTAssertNoThrow(try SupervisorPolicy().validate())
        var policy = SupervisorPolicy()
        policy.probeInterval = .zero
        XCTAssertThrowsError(try policy.validate()) { error in
            XCTAssertEqual((error as? SupervisorError)?.code, .invalidPolicy)
            XCTAssertEqual(
                (error as? SupervisorError)?.message,
                "supervisor policy probeInterval is 0.0 seconds: use a positive duration")
        }
    }

    func testRunRejectsDuplicateChildNames() async {
        let child = ChildSpec(name: "audit", executable: "/bin/true", socketPath: "/nonexistent/audit.sock")
        let supervisor = Supervisor(
            children: [child, child], probe: SocketConnectProbe(), logger: CapturedLogs().logger())
        do {
            try await supervisor.run()
            XCTFail("run() accepted two children named audit")
        } catch let error as SupervisorError {
            XCTAssertEqual(error.code, .invalidChildren)
            XCTAssertTrue(error.message.contains("\"audit\" twice"), error.message)
        } catch {
            XCTFail("unexpected error \(error)")
        }
    }

    func testSnapshotTextShowsStatePidRestartsAndLastExit() {
        var audit = ChildStatus(name: "audit")
        audit.state = .serving
        audit.pid = 4242
        audit.restarts = 2
        audit.uptime = .seconds(192)
        audit.lastExit = .signaled(signal: 9, coreDumped: false)
        let text = SupervisorSnapshot(services: [audit, ChildStatus(name: "gateway")]).description
        XCTAssertEqual(
            text,
            """
            audit    serving    pid 4242  restarts 2  up 3m12s  last exit: signal 9 (KILL)
            gateway  pending    pid -  restarts 0  up -
            """)
    }

    func testBerthServiceSpecRunsTheServiceExecutable() {
        let spec = ChildSpec.berthService(.tenancy, binDirectory: "/usr/lib/berth/", socketPath: "/run/berth/tenancy.sock")
        XCTAssertEqual(spec.name, "tenancy")
        XCTAssertEqual(spec.executable, "/usr/lib/berth/berth-tenancy")
        XCTAssertEqual(spec.socketPath, "/run/berth/tenancy.sock")
    }
}
