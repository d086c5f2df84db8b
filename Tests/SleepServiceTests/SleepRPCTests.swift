import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import Logging
import XCTest

@testable import SleepService

/// The controller's RPCs over a real socket (the routes `SleepService.build` registers, hosted by `ServiceHost`),
/// with the fake Kubernetes API and a token-name authorizer standing in for identity + tenancy.
final class SleepRPCTests: XCTestCase {
    static func withService(_ body: @Sendable (SleepHarness, UnixRPCClient) async throws -> Void) async throws {
        try await SleepHarness.run(start: "2026-11-20T09:00:00Z") { h in
            try await h.addSpace("dev", owner: "alice")
            let environment = try TestEnvironment()
            defer { environment.remove() }
            try await h.withParts(authorizer: TokenNameAuthorizer(), wakeTimeout: .seconds(10)) { parts in
                let host = ServiceHost(
                    name: .sleep, config: environment.config, router: parts.router, audit: .disabled,
                    logger: Logger(label: "test"))
                try await withRunningService(host, in: environment) {
                    let client = environment.client(for: .sleep)
                    try await body(h, client)
                    await client.close()
                }
            }
        }
    }

    static let alice = ["authorization": "Bearer alice"]

    func testWakeSleepKeepAwakeAndStateForTheOwner() async throws {
        try await Self.withService { h, client in
            let ref = SleepV1.SpaceRef(name: "dev")
            let slept = try await client.unary(SleepV1.sleepSpace, SleepV1.SleepSpaceRequest(space: ref), metadata: Self.alice)
            XCTAssertEqual(slept.state, "asleep")
            XCTAssertEqual(slept.cluster, "main", "\"\" is the default cluster")
            XCTAssertTrue(slept.skipped.contains("Deployment/pinned"))
            let woken = try await client.unary(SleepV1.wakeSpace, SleepV1.WakeSpaceRequest(space: ref), metadata: Self.alice)
            XCTAssertEqual(woken.state, "awake")
            XCTAssertEqual(woken.reason, "manual by alice")
            let web = try await h.replicas("dev", "web")
            XCTAssertEqual(web, 3, "returned only once every object was restored")
            let wakeActivity = try await SQLiteActivityStore(database: h.database).last(cluster: "main", namespace: "dev")
            XCTAssertEqual(wakeActivity?.kind, "berth-wake", "a wake counts as activity")
            let until = Int64(TestNow.utc("2026-11-20T18:00:00Z").timeIntervalSince1970)
            let pinned = try await client.unary(
                SleepV1.keepAwake, SleepV1.KeepAwakeRequest(space: ref, untilUnixSeconds: until), metadata: Self.alice)
            XCTAssertEqual(pinned.keepAwakeUntilUnixSeconds, until)
            let state = try await client.unary(SleepV1.getSleepState, SleepV1.GetSleepStateRequest(space: ref))
            XCTAssertEqual(state.state, "awake")
        }
    }

    func testErrorsForBadNamesUnknownSpacesAndCallersNotAllowed() async throws {
        try await Self.withService { h, client in
            let bad = await rpcError {
                try await client.unary(SleepV1.wakeSpace, SleepV1.WakeSpaceRequest(space: SleepV1.SpaceRef(name: "Dev_1")), metadata: Self.alice)
            }
            XCTAssertEqual(bad?.code, .invalidArgument)
            XCTAssertTrue(bad?.message.contains("Dev_1") ?? false, bad?.message ?? "")
            let unknown = await rpcError {
                try await client.unary(SleepV1.sleepSpace, SleepV1.SleepSpaceRequest(space: SleepV1.SpaceRef(name: "nope")), metadata: Self.alice)
            }
            XCTAssertEqual(unknown?.code, .notFound)
            let stranger = await rpcError {
                try await client.unary(
                    SleepV1.sleepSpace, SleepV1.SleepSpaceRequest(space: SleepV1.SpaceRef(name: "dev")),
                    metadata: ["authorization": "Bearer mallory"])
            }
            XCTAssertEqual(stranger?.code, .permissionDenied)
            let anonymous = await rpcError {
                try await client.unary(SleepV1.wakeSpace, SleepV1.WakeSpaceRequest(space: SleepV1.SpaceRef(name: "dev")))
            }
            XCTAssertEqual(anonymous?.code, .permissionDenied)
            let state = try await h.state("dev")
            XCTAssertEqual(state, .awake, "nothing happened to the space")
            let noUntil = await rpcError {
                try await client.unary(SleepV1.keepAwake, SleepV1.KeepAwakeRequest(space: SleepV1.SpaceRef(name: "dev")), metadata: Self.alice)
            }
            XCTAssertEqual(noUntil?.code, .invalidArgument)
            let badSince = await rpcError {
                try await client.unary(SleepV1.savingsReport, SleepV1.SavingsReportRequest(sinceUnixSeconds: 0))
            }
            XCTAssertEqual(badSince?.code, .invalidArgument)
        }
    }

    func testPoliciesAreValidatedAndShownWithTheirSources() async throws {
        try await Self.withService { h, client in
            func set(_ level: String, _ name: String, _ policy: SleepV1.SleepPolicy) async throws -> SleepV1.SleepPolicyView {
                try await client.unary(
                    SleepV1.setSleepPolicy, SleepV1.SetSleepPolicyRequest(level: level, cluster: level == "cluster" ? name : "", name: name, policy: policy))
            }
            _ = try await set("cluster", "main", SleepV1.SleepPolicy(sleepAfter: "2h", deleteAfter: "30d"))
            _ = try await set("team", "payments", SleepV1.SleepPolicy(sleepAfter: "1h", windows: ["Mon-Fri 19:00-08:00 Europe/Berlin"]))
            let own = try await set("space", "dev", SleepV1.SleepPolicy(preventWake: "true"))
            XCTAssertEqual(own.own?.preventWake, "true")
            let view = try await client.unary(SleepV1.getSleepPolicy, SleepV1.GetSleepPolicyRequest(name: "dev"))
            XCTAssertEqual(view.effective?.sleepAfter, "1h")
            XCTAssertEqual(view.effective?.windows, ["Mon,Tue,Wed,Thu,Fri 19:00-08:00 Europe/Berlin"])
            XCTAssertEqual(view.effective?.deleteAfter, "30d")
            XCTAssertEqual(view.effective?.deleteWarning, "1d")
            XCTAssertEqual(view.effective?.preventWake, "true")
            let sources = Dictionary(uniqueKeysWithValues: view.sources.map { ($0.field, $0.source) })
            XCTAssertEqual(sources["sleepAfter"], "team payments")
            XCTAssertEqual(sources["windows"], "team payments")
            XCTAssertEqual(sources["deleteAfter"], "cluster main")
            XCTAssertEqual(sources["deleteWarning"], "default")
            XCTAssertEqual(sources["preventWake"], "space main/dev")

            for (policy, fragment) in [
                (SleepV1.SleepPolicy(windows: ["Mon-Fri 19:00-08:00 Mars/Olympus"]), "Mars/Olympus"),
                (SleepV1.SleepPolicy(windows: ["weeknights"]), "weeknights"),
                (SleepV1.SleepPolicy(windows: ["Mon-Fri 19:00-25:00 Europe/Berlin"]), "19:00-25:00"),
                (SleepV1.SleepPolicy(sleepAfter: "-1h"), "negative"),
                (SleepV1.SleepPolicy(deleteAfter: "soon"), "soon"),
                (SleepV1.SleepPolicy(preventWake: "maybe"), "maybe"),
                (SleepV1.SleepPolicy(keepAwakeUntil: "tomorrow"), "RFC 3339"),
            ] {
                let error = await rpcError { try await set("team", "payments", policy) }
                XCTAssertEqual(error?.code, .invalidArgument, "\(policy)")
                XCTAssertTrue(error?.message.contains(fragment) ?? false, error?.message ?? "no error for \(policy)")
            }
            let unchanged = try await client.unary(SleepV1.getSleepPolicy, SleepV1.GetSleepPolicyRequest(level: "team", name: "payments"))
            XCTAssertEqual(unchanged.own?.sleepAfter, "1h", "a refused policy stored nothing")
            let level = await rpcError {
                try await client.unary(SleepV1.getSleepPolicy, SleepV1.GetSleepPolicyRequest(level: "planet", name: "x"))
            }
            XCTAssertEqual(level?.code, .invalidArgument)
            let unknownSpace = await rpcError {
                try await client.unary(SleepV1.getSleepPolicy, SleepV1.GetSleepPolicyRequest(name: "nope"))
            }
            XCTAssertEqual(unknownSpace?.code, .notFound)
            XCTAssertTrue(h.audit.recorded.contains { $0.action == "sleep.policy.set" && $0.target?.name == "team payments" })
        }
    }

    func testTheRealAuthorizerLetsLocalAdminsInAndRefusesOthersWithoutAToken() async throws {
        let authorizer = TenancySpaceAuthorizer(
            tenancy: UnixRPCClient(socketPath: "/nonexistent/tenancy.sock"),
            principals: PrincipalResolver(
                adminGroup: "berth-admin-test-none",
                verifier: StaticTokenVerifier([
                    "ada-token": StaticTokenVerifier.person("ada", groups: [BerthGroups.admins]),
                    "bob-token": StaticTokenVerifier.person("bob"),
                ])))
        let space = DirectorySpace(cluster: "main", name: "dev", team: "", owner: "alice", phase: "Ready", createdAt: Date())
        let me = PeerCredentials(uid: getuid(), gid: getgid(), pid: getpid())
        let admin = try await authorizer.authorize(.wake, space: space, peer: me, metadata: [:])
        XCTAssertTrue(admin.isAdmin, "Berth's own user is a local admin")
        guard getuid() != 65534 else { return }
        do {
            _ = try await authorizer.authorize(.wake, space: space, peer: PeerCredentials(uid: 65534, gid: 65534, pid: 1), metadata: [:])
            XCTFail("a local non-admin without a token was let in")
        } catch let error as SleepError {
            XCTAssertEqual(error.code, .unauthenticated)
            XCTAssertTrue(error.message.contains("berth login"), error.message)
        }
        // A forwarded token names the person even from Berth's own uid (the gateway): an admin by berth-admins…
        let ada = try await authorizer.authorize(.wake, space: space, peer: me, metadata: ["authorization": "Bearer ada-token"])
        XCTAssertEqual(ada.username, "ada")
        XCTAssertTrue(ada.isAdmin)
        // … anyone else only as tenancy allows (here tenancy is unreachable, so nothing is allowed).
        do {
            _ = try await authorizer.authorize(.wake, space: space, peer: me, metadata: ["authorization": "Bearer bob-token"])
            XCTFail("bob was let in without tenancy saying so")
        } catch let error as SleepError {
            XCTAssertEqual(error.code, .unavailable)
        }
    }
}
