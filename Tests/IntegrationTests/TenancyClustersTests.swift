import BerthKube
import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import TenancyService
import XCTest

/// Clusters connected at run time: each gets its own controller, a cluster that fails does not hold up another,
/// and health is reported per cluster.
final class TenancyClustersTests: XCTestCase {
    func testClustersAddedAtRunTimeAreManagedIndependently() async throws {
        try await FakeKubernetesAPI.withRunning { first in
            try await FakeKubernetesAPI.withRunning { second in
                let directory = try TemporaryDirectory()
                defer { directory.remove() }
                let firstConfig = directory.path + "/first.kubeconfig"
                let secondConfig = directory.path + "/second.kubeconfig"
                try first.kubeconfigYAML().write(toFile: firstConfig, atomically: true, encoding: .utf8)
                try second.kubeconfigYAML().write(toFile: secondConfig, atomically: true, encoding: .utf8)
                let env = try TestEnvironment { config in
                    config.tenancy.kubeconfig = firstConfig
                    config.tenancy.clusterName = "first"
                    config.tenancy.healthCheckInterval = ConfigDuration(.milliseconds(200))
                }
                defer { env.remove() }
                let host = try TenancyService.build(config: env.config, logger: .init(label: "test"))
                try await withRunningService(host, in: env) {
                    let client = env.client(for: .tenancy)
                    let bad = await rpcError {
                        try await client.unary(
                            TenancyV1.addCluster,
                            TenancyV1.AddClusterRequest(cluster: TenancyV1.Cluster(name: "broken", kubeconfig: directory.path + "/missing")))
                    }
                    XCTAssertEqual(bad?.code, .invalidArgument)
                    XCTAssertTrue(bad?.message.contains("missing") == true, "\(String(describing: bad))")

                    let added = try await client.unary(
                        TenancyV1.addCluster,
                        TenancyV1.AddClusterRequest(cluster: TenancyV1.Cluster(name: "second", kubeconfig: secondConfig)))
                    XCTAssertFalse(added.isDefault, "the config's cluster stays the default")
                    let listed = try await client.unary(TenancyV1.listClusters, TenancyV1.ListClustersRequest())
                    XCTAssertEqual(listed.clusters.map(\.name), ["first", "second"])

                    // The first cluster fails every request; the second still serves its spaces.
                    await first.inject(FakeKubernetesFailure(status: 503, count: 100_000))
                    _ = try await client.unary(
                        TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "on-second", cluster: "second")))
                    _ = try await client.unary(
                        TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "on-first")))
                    let readyOnSecond = try await eventually(timeout: .seconds(10)) {
                        try await client.unary(TenancyV1.getSpace, TenancyV1.GetSpaceRequest(cluster: "second", name: "on-second")).phase == "Ready"
                    }
                    XCTAssertTrue(readyOnSecond)
                    try await KubeClient.withClient(connection: second.connection) { kube in
                        _ = try await kube.get(.namespaces, name: "on-second")
                    }
                    let stillPending = try await client.unary(TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: "on-first"))
                    XCTAssertEqual(stillPending.phase, "Pending")
                    let health = try await eventually(timeout: .seconds(10)) {
                        let clusters = try await client.unary(TenancyV1.listClusters, TenancyV1.ListClustersRequest()).clusters
                        return clusters.first { $0.name == "first" }?.health == "Unreachable"
                            && clusters.first { $0.name == "second" }?.health == "Ready"
                    }
                    XCTAssertTrue(health)

                    let inUse = await rpcError {
                        try await client.unary(TenancyV1.removeCluster, TenancyV1.RemoveClusterRequest(name: "second"))
                    }
                    XCTAssertEqual(inUse?.code, .invalidArgument)
                    XCTAssertTrue(inUse?.message.contains("still has 1 spaces") == true, "\(String(describing: inUse))")
                }
            }
        }
    }
}
