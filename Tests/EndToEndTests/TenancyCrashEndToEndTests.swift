import BerthKube
import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import Glibc
import XCTest

/// berth-tenancy killed with SIGKILL while it is reconciling a burst of new spaces: berthd restarts it, and the
/// restarted process converges every space (level-triggered: it looks at what is there) without errors or
/// strays.
final class TenancyCrashEndToEndTests: XCTestCase {
    func testKillDashNineMidReconcileConvergesAfterRestart() async throws {
        try await FakeKubernetesAPI.withRunning { api in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let kubeconfig = directory.path + "/kubeconfig"
            try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let berthd = try BerthdProcess(extraEnvironment: ["BERTH_TENANCY_CLUSTER_KUBECONFIG": kubeconfig])
            defer { berthd.env.remove() }
            let serving = await eventually(timeout: .seconds(60)) { await berthd.allServing() }
            XCTAssertTrue(serving, berthd.log)
            guard serving else { return }
            let client = berthd.env.client(for: .tenancy, deadline: .seconds(20))
            _ = try await client.unary(
                TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: "crash", groups: ["crash-devs"])))
            let names = (0..<40).map { "crash-\($0)" }
            for name in names {
                _ = try await client.unary(
                    TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: name, team: "crash")))
            }
            // Slow the API down so that the kill lands while applies are in flight.
            await api.stall(method: "PATCH", count: 40, for: .milliseconds(50))
            let tenancyBefore = await berthd.service(.tenancy)
            let before = try XCTUnwrap(tenancyBefore)
            XCTAssertEqual(kill(before.pid, SIGKILL), 0)

            let converged = try await eventually(timeout: .seconds(60), every: .milliseconds(200)) {
                guard let page = try? await client.unary(
                    TenancyV1.listSpaces, TenancyV1.ListSpacesRequest(team: "crash", pageSize: 100))
                else { return false }
                return page.spaces.count == names.count && page.spaces.allSatisfy { $0.phase == "Ready" }
            }
            XCTAssertTrue(converged, berthd.log)
            let tenancyAfter = await berthd.service(.tenancy)
            let after = try XCTUnwrap(tenancyAfter)
            XCTAssertNotEqual(after.pid, before.pid, "berthd restarted berth-tenancy")

            try await KubeClient.withClient(connection: api.connection) { kube in
                let managed = LabelSelector(matching: ["app.kubernetes.io/managed-by": "berth"])
                let namespaces = try await kube.listAll(.namespaces, selector: managed).items.map(\.name).sorted()
                XCTAssertEqual(namespaces, names.sorted())
                for name in names {
                    let quotas = try await kube.list(.resourceQuotas, namespace: name).items.map(\.name)
                    XCTAssertEqual(quotas, ["berth-quota"], name)
                    let policies = try await kube.list(.networkPolicies, namespace: name).items.map(\.name).sorted()
                    XCTAssertEqual(policies, ["berth-allow-same-space", "berth-default-deny"], name)
                    let bindings = try await kube.list(.roleBindings, namespace: name).items.map(\.name)
                    XCTAssertEqual(bindings, ["berth-member"], name)
                }
            }
            _ = await berthd.stop()
        }
    }
}
