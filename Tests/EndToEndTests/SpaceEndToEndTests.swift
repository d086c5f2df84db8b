import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import XCTest

/// The whole path with real processes: berthd supervising berth-tenancy, connected through a kubeconfig file to
/// the fake API server, driven by the `berth` CLI; the space's namespace is then checked with the real kubectl
/// when the machine has one.
final class SpaceEndToEndTests: XCTestCase {
    func testCLICreatesASpaceThatBecomesANamespaceAndDeletesIt() async throws {
        try await FakeKubernetesAPI.withRunning { api in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let kubeconfig = directory.path + "/kubeconfig"
            try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let berthd = try BerthdProcess(extraEnvironment: [
                "BERTH_TENANCY_CLUSTER_KUBECONFIG": kubeconfig, "BERTH_TENANCY_CLUSTER_NAME": "lab",
            ])
            defer { berthd.env.remove() }
            let serving = await eventually(timeout: .seconds(60)) { await berthd.allServing() }
            XCTAssertTrue(serving, berthd.log)
            guard serving else { return }
            let runtime = ["--runtime-dir", berthd.env.config.paths.runtimeDir]
            let berth = BuiltProducts.path("berth")

            let (teamStatus, teamOutput) = try runCommand(berth, ["team", "create", "payments", "--group", "payments-devs"] + runtime)
            XCTAssertEqual(teamStatus, 0, teamOutput)
            let (createStatus, createOutput) = try runCommand(
                berth, ["space", "create", "payments-dev", "--team", "payments", "--set", "cpu=2", "--ttl", "72h"] + runtime)
            XCTAssertEqual(createStatus, 0, createOutput)
            XCTAssertTrue(createOutput.contains("payments-dev"), createOutput)

            let ready = await eventually(timeout: .seconds(20)) {
                let (_, json) = (try? runCommand(berth, ["space", "show", "payments-dev", "-o", "json"] + runtime)) ?? (1, "")
                return json.contains("\"phase\" : \"Ready\"") || json.contains("\"phase\":\"Ready\"")
            }
            XCTAssertTrue(ready, berthd.log)

            let (badStatus, badOutput) = try runCommand(berth, ["space", "create", "Bad_Name"] + runtime)
            XCTAssertNotEqual(badStatus, 0)
            XCTAssertTrue(badOutput.contains("not a DNS-1123 label"), badOutput)

            if FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl") {
                let (status, output) = try runCommand(
                    "/usr/bin/kubectl", ["--kubeconfig", kubeconfig, "get", "resourcequota", "berth-quota", "-n", "payments-dev", "-o", "jsonpath={.spec.hard.requests\\.cpu}"])
                XCTAssertEqual(status, 0, output)
                XCTAssertEqual(output, "2")
            }

            let (deleteStatus, deleteOutput) = try runCommand(berth, ["space", "delete", "payments-dev"] + runtime)
            XCTAssertEqual(deleteStatus, 0, deleteOutput)
            let gone = await eventually(timeout: .seconds(20)) {
                let (_, list) = (try? runCommand(berth, ["space", "list", "-o", "json"] + runtime)) ?? (1, "")
                return list.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.trimmingCharacters(in: .whitespacesAndNewlines) == "[]"
            }
            XCTAssertTrue(gone, berthd.log)
            _ = await berthd.stop()
        }
    }
}
