import BerthKube
import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import TenancyService
import XCTest

/// berth-tenancy in-process over its real socket, connected through a kubeconfig file to the fake API server:
/// a space created over RPC becomes a namespace with its objects, its status turns Ready, and a delete removes it.
final class TenancySpacesTests: XCTestCase {
    func testCreateReconcileAndDeleteThroughTheSocket() async throws {
        try await FakeKubernetesAPI.withRunning { api in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let kubeconfig = directory.path + "/kubeconfig"
            try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let env = try TestEnvironment { config in
                config.tenancy.kubeconfig = kubeconfig
                config.tenancy.clusterName = "main"
            }
            defer { env.remove() }
            let host = try TenancyService.build(config: env.config, logger: .init(label: "test"))
            try await withRunningService(host, in: env) {
                let client = env.client(for: .tenancy)
                let created = try await client.unary(
                    TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "team-a-dev")))
                XCTAssertEqual(created.cluster, "main")
                let ready = try await eventually(timeout: .seconds(10)) {
                    try await client.unary(TenancyV1.getSpace, TenancyV1.GetSpaceRequest(name: "team-a-dev")).phase == "Ready"
                }
                XCTAssertTrue(ready)
                try await KubeClient.withClient(connection: api.connection) { kube in
                    let namespace = try await kube.get(.namespaces, name: "team-a-dev")
                    XCTAssertEqual(namespace.labels["app.kubernetes.io/managed-by"], "berth")
                    _ = try await kube.get(.resourceQuotas, namespace: "team-a-dev", name: "berth-quota")
                }

                let taken = await rpcError {
                    try await client.unary(
                        TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "team-a-dev")))
                }
                XCTAssertEqual(taken?.code, .alreadyExists)

                _ = try await client.unary(TenancyV1.deleteSpace, TenancyV1.DeleteSpaceRequest(name: "team-a-dev"))
                let gone = try await eventually(timeout: .seconds(10)) {
                    try await client.unary(TenancyV1.listSpaces, TenancyV1.ListSpacesRequest()).spaces.isEmpty
                }
                XCTAssertTrue(gone, "the space is forgotten once its namespace is gone")
            }
        }
    }

    func testWithoutAClusterCreateSaysHowToConnectOne() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        let host = try TenancyService.build(config: env.config, logger: .init(label: "test"))
        try await withRunningService(host, in: env) {
            let error = await rpcError {
                try await env.client(for: .tenancy).unary(
                    TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "x")))
            }
            XCTAssertEqual(error?.code, .unavailable)
            XCTAssertTrue(error?.message.contains("tenancy.cluster.kubeconfig") == true, "\(String(describing: error))")
        }
    }
}
