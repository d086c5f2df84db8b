import BerthRPC
import BerthTesting
import Foundation
import Logging
import XCTest

@testable import SleepService

/// The `Service` around the engine: it runs passes by itself, every interval, until cancelled; and a wake that
/// outlasts its timeout answers DEADLINE_EXCEEDED and is finished by the loop.
final class SleepControllerLoopTests: XCTestCase {
    func testTheLoopRunsPassesUntilCancelled() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            try await h.addSpace("loop")
            try await h.setPolicy(.cluster("main"), SleepV1.SleepPolicy(sleepAfter: "1h"))
            try await h.personActivity("loop")
            try await h.withParts { parts in
                let controller = SleepController(
                    engine: parts.engine, interval: .milliseconds(20), clock: ContinuousClock(), logger: Logger(label: "test"))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await controller.run() }
                    // Not idle yet: passes run and leave it awake; once the clock moves past sleepAfter, a pass sleeps it.
                    try await Task.sleep(for: .milliseconds(100))
                    let before = try await h.state("loop")
                    XCTAssertEqual(before, .awake)
                    h.clock.set("2026-11-20T10:00:00Z")
                    let slept = try await eventually { try await h.state("loop") == .asleep }
                    XCTAssertTrue(slept, "no pass put the idle space to sleep")
                    group.cancelAll()
                }
            }
        }
    }

    func testAWakeOverItsTimeoutAnswersDeadlineExceededAndThePassFinishesIt() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            try await h.addSpace("slow")
            try await h.withParts(wakeTimeout: .seconds(1)) { parts in
                let space = try await parts.engine.space(SleepV1.SpaceRef(name: "slow"))
                _ = try await parts.engine.sleep(space, by: .controller, preventWake: false)
                let control = ControlHandlers(
                    engine: parts.engine, authorizer: TokenNameAuthorizer(), clock: ContinuousClock(),
                    defaultWakeTimeout: .seconds(1))
                await h.api.stall(method: "PUT", pathContains: "/deployments/web", for: .seconds(3))
                let started = ContinuousClock.now
                do {
                    _ = try await control.wake(
                        SleepV1.WakeSpaceRequest(space: SleepV1.SpaceRef(name: "slow")),
                        peer: PeerCredentials(uid: 1000, gid: 1000, pid: 1), metadata: ["authorization": "Bearer alice"])
                    XCTFail("a wake stalled for 3s answered within its 1s timeout")
                } catch let error as SleepError {
                    XCTAssertEqual(error.code, .deadlineExceeded)
                }
                let waited = ContinuousClock.now - started
                XCTAssertLessThan(waited, .milliseconds(2500), "the caller waited for the stalled request: \(waited)")
                let midWake = try await h.state("slow")
                XCTAssertEqual(midWake, .waking)
                let pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.woken, ["main/slow"])
                let web = try await h.replicas("slow", "web")
                XCTAssertEqual(web, 3)
            }
        }
    }
}
