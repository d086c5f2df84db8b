import BerthKube
import BerthRPC
import BerthTesting
import Foundation
import XCTest

@testable import SleepService

/// The controller's scenarios against the fake Kubernetes API with an injected clock, in numbered steps
/// (`00-setup`, `01-assert-…`). Each pass is `engine.runPass()`, what `SleepController` runs every interval.
final class SleepControllerScenarioTests: XCTestCase {
    func testInactivitySleepsAndOnlyAPersonsActivityWakes() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            // 00-setup: the cluster's policy sleeps after 1h; a person used the space at 09:00.
            try await h.addSpace("dev")
            try await h.setPolicy(.cluster("main"), SleepV1.SleepPolicy(sleepAfter: "1h"))
            try await h.personActivity("dev")
            try await h.withParts { parts in
                // 01-assert-awake at 09:59.
                h.clock.set("2026-11-20T09:59:00Z")
                var pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, [])
                // 02-assert-sleep at 10:00: replicas to 0, HPA min to 1, the excluded workload left alone.
                h.clock.set("2026-11-20T10:00:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, ["main/dev"])
                let web = try await h.replicas("dev", "web")
                let pinned = try await h.replicas("dev", "pinned")
                let hpa = try await h.hpaMin("dev")
                XCTAssertEqual(web, 0)
                XCTAssertEqual(pinned, 1)
                XCTAssertEqual(hpa, 1)
                XCTAssertEqual(h.audit.last("space.slept", space: "dev")?.reason, "inactivity for 1h")
                XCTAssertEqual(h.audit.last("sleep.skipped", space: "dev")?.details["workloads"], "Deployment/pinned")
                // 03-assert-still-asleep: the sleep's own writes show up as activity at 10:00; they do not wake it.
                try await h.personActivity("dev")
                h.clock.set("2026-11-20T10:05:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.woken, [])
                let asleep = try await h.state("dev")
                XCTAssertEqual(asleep, .asleep)
                // 04-assert-wake: a person's request at 10:30 wakes it, restoring exactly what was there.
                h.clock.set("2026-11-20T10:30:00Z")
                try await h.personActivity("dev")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.woken, ["main/dev"])
                let webAfter = try await h.replicas("dev", "web")
                let workerAfter = try await h.replicas("dev", "worker")
                let hpaAfter = try await h.hpaMin("dev")
                XCTAssertEqual(webAfter, 3)
                XCTAssertEqual(workerAfter, 2)
                XCTAssertEqual(hpaAfter, 2)
                XCTAssertEqual(h.audit.last("space.woken", space: "dev")?.reason, "activity")
            }
        }
    }

    func testScheduleAcrossTheBerlinFallBackChange() async throws {
        try await SleepHarness.run(start: "2026-10-24T12:00:00Z") { h in
            // 00-setup: the team's nights, every day 19:00-08:00 Berlin; 2026-10-25 03:00 CEST becomes 02:00 CET.
            try await h.addSpace("night")
            try await h.setPolicy(.team("payments"), SleepV1.SleepPolicy(windows: ["Mon-Sun 19:00-08:00 Europe/Berlin"]))
            try await h.withParts { parts in
                h.clock.set("2026-10-24T16:59:00Z")  // 18:59 CEST
                var pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, [])
                // 01-assert-sleep at 19:00 CEST (17:00 UTC).
                h.clock.set("2026-10-24T17:00:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, ["main/night"])
                XCTAssertEqual(h.audit.last("space.slept", space: "night")?.reason, "schedule")
                // 02-assert-still-asleep at 07:59 CET (06:59 UTC): the night was an hour longer.
                h.clock.set("2026-10-25T06:59:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.woken, [])
                // 03-assert-wake at 08:00 CET (07:00 UTC).
                h.clock.set("2026-10-25T07:00:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.woken, ["main/night"])
                let web = try await h.replicas("night", "web")
                XCTAssertEqual(web, 3)
            }
        }
    }

    func testDeleteAfterWarnsThenAsksTenancyToDelete() async throws {
        try await SleepHarness.run(start: "2026-11-01T10:00:00Z") { h in
            // 00-setup: sleep after 1h, delete after 7 days idle, warn a day before.
            try await h.addSpace("old")
            try await h.setPolicy(
                .space(cluster: "main", name: "old"),
                SleepV1.SleepPolicy(sleepAfter: "1h", deleteAfter: "7d", deleteWarning: "24h"))
            try await h.personActivity("old")
            try await h.withParts { parts in
                h.clock.set("2026-11-01T11:00:00Z")
                var pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, ["main/old"])
                // 01-assert-no-warning before the lead time.
                h.clock.set("2026-11-07T09:59:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.warned, [])
                // 02-assert-warning at the lead time, once.
                h.clock.set("2026-11-07T10:00:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.warned, ["main/old"])
                XCTAssertEqual(h.audit.last("space.deletion-warned", space: "old")?.details["deleteAt"], "2026-11-08T10:00:00Z")
                h.clock.set("2026-11-07T12:00:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.warned, [])
                // 03-assert-deleted when due, with the TTL reason; tenancy then marks it Terminating and sleep
                // leaves it alone.
                h.clock.set("2026-11-08T10:00:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.deleted, ["main/old"])
                XCTAssertEqual(h.directory.deleted, ["main/old"])
                XCTAssertTrue(h.audit.last("space.expired", space: "old")?.reason.hasPrefix("TTL: idle since") ?? false)
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.deleted, [])
            }
        }
    }

    func testKeepAwakePinsTheSpaceAndWakesIt() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            try await h.addSpace("pin")
            try await h.setPolicy(.cluster("main"), SleepV1.SleepPolicy(sleepAfter: "1h"))
            try await h.personActivity("pin")
            try await h.withParts { parts in
                let space = try await parts.engine.space(SleepV1.SpaceRef(name: "pin"))
                let alice = try await TokenNameAuthorizer().authorize(
                    .keepAwake, space: space, peer: PeerCredentials(uid: 1000, gid: 1000, pid: 1), metadata: ["authorization": "Bearer alice"])
                // 01-keep-awake until 18:00: idle at 12:00 but stays awake; a manual sleep is refused.
                h.clock.set("2026-11-20T09:30:00Z")
                _ = try await parts.engine.keepAwake(space, until: TestNow.utc("2026-11-20T18:00:00Z"), by: alice)
                h.clock.set("2026-11-20T12:00:00Z")
                var pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, [])
                do {
                    _ = try await parts.engine.sleep(space, by: alice, preventWake: false)
                    XCTFail("a kept-awake space was put to sleep")
                } catch let error as SleepError {
                    XCTAssertEqual(error.code, .failedPrecondition)
                }
                XCTAssertEqual(h.audit.last("sleep.skipped", space: "pin")?.reason, "kept awake until 2026-11-20T18:00:00Z")
                // 02-assert-sleep once the pin ends.
                h.clock.set("2026-11-20T18:00:00Z")
                pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, ["main/pin"])
                // 03-keep-awake while asleep wakes it at once.
                h.clock.set("2026-11-20T19:00:00Z")
                let state = try await parts.engine.keepAwake(space, until: TestNow.utc("2026-11-20T22:00:00Z"), by: alice)
                XCTAssertEqual(state.state, "awake")
                XCTAssertEqual(state.keepAwakeUntilUnixSeconds, Int64(TestNow.utc("2026-11-20T22:00:00Z").timeIntervalSince1970))
                let web = try await h.replicas("pin", "web")
                XCTAssertEqual(web, 3)
                XCTAssertEqual(h.audit.last("space.kept-awake", space: "pin")?.actor?.username, "alice")
            }
        }
    }

    func testPreventWakeHoldsUntilTheOwnerWakesIt() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            try await h.addSpace("held", owner: "alice")
            try await h.setPolicy(.cluster("main"), SleepV1.SleepPolicy(sleepAfter: "1h"))
            try await h.withParts { parts in
                let space = try await parts.engine.space(SleepV1.SpaceRef(name: "held"))
                let authorizer = TokenNameAuthorizer(allowed: ["bob"])
                let peer = PeerCredentials(uid: 1000, gid: 1000, pid: 1)
                let alice = try await authorizer.authorize(.sleep, space: space, peer: peer, metadata: ["authorization": "Bearer alice"])
                let bob = try await authorizer.authorize(.wake, space: space, peer: peer, metadata: ["authorization": "Bearer bob"])
                // 01-sleep with prevent-wake, by hand.
                let slept = try await parts.engine.sleep(space, by: alice, preventWake: true)
                XCTAssertEqual(slept.state, "asleep")
                XCTAssertTrue(slept.preventWake)
                XCTAssertEqual(h.audit.last("space.slept", space: "held")?.reason, "manual by alice")
                // 02-assert-asleep: a person's activity does not wake it.
                h.clock.set("2026-11-20T09:30:00Z")
                try await h.personActivity("held")
                let pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.woken, [])
                // 03-a wake by someone who is not the owner is refused and audited.
                do {
                    _ = try await parts.engine.wake(space, by: bob)
                    XCTFail("bob woke a prevent-wake space")
                } catch let error as SleepError {
                    XCTAssertEqual(error.code, .permissionDenied)
                }
                // 04-assert-wake by the owner.
                let woken = try await parts.engine.wake(space, by: alice)
                XCTAssertEqual(woken.state, "awake")
                XCTAssertFalse(woken.preventWake)
                XCTAssertEqual(h.audit.last("space.woken", space: "held")?.reason, "manual by alice")
            }
        }
    }

    func testAPersonScalingWhileAsleepIsKeptAndReported() async throws {
        try await SleepHarness.run { h in
            try await h.addSpace("busy")
            try await h.withParts { parts in
                let space = try await parts.engine.space(SleepV1.SpaceRef(name: "busy"))
                _ = try await parts.engine.sleep(space, by: .controller, preventWake: false)
                // 01-a person scales worker to 5 while the space sleeps.
                var worker = try await h.client.get(.deployments, namespace: "busy", name: "worker")
                worker["spec", "replicas"] = 5
                _ = try await h.client.replace(worker, resource: .deployments)
                // 02-assert-wake keeps their value and reports the conflict.
                let state = try await parts.engine.wake(space, by: .controller)
                XCTAssertEqual(state.conflicts, ["Deployment/worker"])
                let workerReplicas = try await h.replicas("busy", "worker")
                let webReplicas = try await h.replicas("busy", "web")
                XCTAssertEqual(workerReplicas, 5)
                XCTAssertEqual(webReplicas, 3)
                XCTAssertEqual(h.audit.last("wake.conflicted", space: "busy")?.details["workloads"], "Deployment/worker")
            }
        }
    }

    func testACrashMidSleepAndMidWakeIsFinishedByANewEngine() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            try await h.addSpace("crash")
            try await h.setPolicy(.cluster("main"), SleepV1.SleepPolicy(sleepAfter: "1h"))
            try await h.personActivity("crash")
            // 01-a pass dies while scaling worker (web already at 0).
            await h.api.inject(FakeKubernetesFailure(method: "PUT", pathContains: "/deployments/worker", status: 500))
            h.clock.set("2026-11-20T10:00:00Z")
            try await h.withParts { parts in
                let pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.failed.count, 1)
            }
            let midSleep = try await h.state("crash")
            XCTAssertEqual(midSleep, .sleeping)
            let webMid = try await h.replicas("crash", "web")
            XCTAssertEqual(webMid, 0)
            // 02-assert-sleep: a new engine (a restarted berth-sleep) finishes the sleep first thing.
            try await h.withParts { parts in
                h.clock.set("2026-11-20T10:01:00Z")
                let pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, ["main/crash"])
            }
            let workerAsleep = try await h.replicas("crash", "worker")
            XCTAssertEqual(workerAsleep, 0)
            // 03-a wake dies while restoring the StatefulSet.
            await h.api.inject(FakeKubernetesFailure(method: "PUT", pathContains: "/statefulsets/db", status: 500))
            try await h.withParts { parts in
                let space = try await parts.engine.space(SleepV1.SpaceRef(name: "crash"))
                do {
                    _ = try await parts.engine.wake(space, by: .controller)
                    XCTFail("the injected failure did not stop the wake")
                } catch {}
            }
            let midWake = try await h.state("crash")
            XCTAssertEqual(midWake, .waking)
            // 04-assert-wake: a new engine finishes it with the values recorded before the first crash.
            try await h.withParts { parts in
                let pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.woken, ["main/crash"])
            }
            let web = try await h.replicas("crash", "web")
            let worker = try await h.replicas("crash", "worker")
            let db = try await h.replicas("crash", "db", .statefulSets)
            XCTAssertEqual([web, worker, db], [3, 2, 1])
        }
    }

    func testAClusterThatIsDownDoesNotBlockTheOthers() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z", downClusters: ["broken"]) { h in
            h.directory.add(cluster: "broken")
            try await h.addSpace("up")
            try await h.addSpace("lost", cluster: "broken")
            try await h.setPolicy(.cluster("main"), SleepV1.SleepPolicy(sleepAfter: "1h"))
            try await h.setPolicy(.cluster("broken"), SleepV1.SleepPolicy(sleepAfter: "1h"))
            h.clock.set("2026-11-20T12:00:00Z")
            try await h.withParts { parts in
                let pass = try await parts.engine.runPass()
                XCTAssertEqual(pass.slept, ["main/up"])
                XCTAssertEqual(pass.failed.count, 1)
                XCTAssertTrue(pass.failed.first?.hasPrefix("broken/lost") ?? false)
            }
        }
    }

    func testSavingsCountTheRequestsNotHeldWhileAsleep() async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            try await h.addSpace("cheap")
            try await h.withParts { parts in
                let space = try await parts.engine.space(SleepV1.SpaceRef(name: "cheap"))
                h.clock.set("2026-11-20T10:00:00Z")
                _ = try await parts.engine.sleep(space, by: .controller, preventWake: false)
                h.clock.set("2026-11-20T14:00:00Z")
                _ = try await parts.engine.wake(space, by: .controller)
                // web 3 × 250m/256Mi + worker 2 × 250m/256Mi + db 1 × 1/1Gi = 2.25 cores, 2.25 GiB, for 4 hours.
                let report = SavingsCalculator(cpuHourPrice: 0.04, memoryGiBHourPrice: 0.005).report(
                    try await SavingsStore(database: h.database).periods(since: TestNow.utc("2026-11-20T00:00:00Z")),
                    since: TestNow.utc("2026-11-20T00:00:00Z"), until: h.clock.now)
                XCTAssertEqual(report.spaces.count, 1)
                XCTAssertEqual(report.spaces.first?.hoursAsleep ?? 0, 4, accuracy: 1e-9)
                XCTAssertEqual(report.spaces.first?.cpuCoreHours ?? 0, 9, accuracy: 1e-9)
                XCTAssertEqual(report.spaces.first?.memoryGibHours ?? 0, 9, accuracy: 1e-9)
                XCTAssertEqual(report.teams.first?.team, "payments")
                XCTAssertEqual(report.total?.cost ?? 0, 9 * 0.04 + 9 * 0.005, accuracy: 1e-9)
                // A window that starts mid-sleep counts only its part.
                let partial = SavingsCalculator(cpuHourPrice: 0, memoryGiBHourPrice: 0).report(
                    try await SavingsStore(database: h.database).periods(since: TestNow.utc("2026-11-20T13:00:00Z")),
                    since: TestNow.utc("2026-11-20T13:00:00Z"), until: h.clock.now)
                XCTAssertEqual(partial.total?.hoursAsleep ?? 0, 1, accuracy: 1e-9)
            }
        }
    }
}
