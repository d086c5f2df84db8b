import BerthKube
import BerthTesting
import Foundation
import XCTest

/// The real `kubectl` against the fake: keeps the fake honest about discovery, tables, server-side apply and
/// namespace deletion. Skipped when kubectl is not installed.
final class KubectlAgainstFakeTests: XCTestCase {
    static let kubectlPath = "/usr/bin/kubectl"

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs kubectl against `fake` without blocking a concurrency thread; output goes through files.
    static func kubectl(_ arguments: [String], fake: FakeKubernetesAPI, directory: TemporaryDirectory, stdin: String? = nil)
        async throws -> Run
    {
        let config = directory.appending("kubeconfig")
        try fake.kubeconfigYAML().write(toFile: config, atomically: true, encoding: .utf8)
        let outPath = directory.appending("out"), errPath = directory.appending("err"), inPath = directory.appending("in")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectlPath)
        process.arguments = ["--kubeconfig", config, "--cache-dir", directory.appending("cache"), "--request-timeout", "20s"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Run(
            status: status, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    func withFake(_ body: @Sendable (FakeKubernetesAPI, TemporaryDirectory) async throws -> Void) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.kubectlPath) else { throw XCTSkip("kubectl is not installed") }
        let directory = try TemporaryDirectory(prefix: "kubectl")
        defer { directory.remove() }
        try await FakeKubernetesAPI.withRunning { fake in try await body(fake, directory) }
    }

    static let manifest = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: shop
          labels:
            app.kubernetes.io/managed-by: berth
        data:
          color: blue
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata:
          name: quota
          namespace: shop
        spec:
          hard:
            requests.cpu: "2"
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: team-edit
          namespace: shop
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: edit
        subjects:
        - apiGroup: rbac.authorization.k8s.io
          kind: Group
          name: oidc:team-shop
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """

    func testApplyServerSideGetAndDeleteNamespace() async throws {
        try await withFake { fake, directory in
            let apply = try await Self.kubectl(
                ["apply", "--server-side", "--field-manager", "berth-test", "-f", "-"], fake: fake, directory: directory,
                stdin: Self.manifest)
            XCTAssertEqual(apply.status, 0, apply.stderr)
            XCTAssertTrue(apply.stdout.contains("configmap/settings serverside-applied"), apply.stdout)
            XCTAssertTrue(apply.stdout.contains("deployment.apps/web serverside-applied"), apply.stdout)

            // What kubectl applied is what the Berth client reads, with kubectl's field manager recorded.
            try await KubeClient.withClient(connection: fake.connection) { client in
            let deployment = try await client.get(.deployments, namespace: "shop", name: "web")
            XCTAssertEqual(deployment["spec", "replicas"], 2)
            XCTAssertEqual(deployment.fieldManagers, ["berth-test"])

            let get = try await Self.kubectl(["get", "configmaps", "-n", "shop"], fake: fake, directory: directory)
            XCTAssertEqual(get.status, 0, get.stderr)
            XCTAssertTrue(get.stdout.contains("settings"), get.stdout)
            let json = try await Self.kubectl(
                ["get", "configmap", "settings", "-n", "shop", "-o", "jsonpath={.data.color}"], fake: fake, directory: directory)
            XCTAssertEqual(json.stdout, "blue", json.stderr)
            let selected = try await Self.kubectl(
                ["get", "configmaps", "-n", "shop", "-l", "app.kubernetes.io/managed-by in (berth)", "-o", "name"], fake: fake,
                directory: directory)
            XCTAssertEqual(selected.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "configmap/settings", selected.stderr)

            // Applying again with another manager and a different value conflicts; --force-conflicts takes it.
            let changed = Self.manifest.replacingOccurrences(of: "color: blue", with: "color: red")
            let conflict = try await Self.kubectl(
                ["apply", "--server-side", "--field-manager", "someone-else", "-f", "-"], fake: fake, directory: directory,
                stdin: changed)
            XCTAssertNotEqual(conflict.status, 0)
            XCTAssertTrue(conflict.stderr.contains("conflict"), conflict.stderr)
            let forced = try await Self.kubectl(
                ["apply", "--server-side", "--force-conflicts", "--field-manager", "someone-else", "-f", "-"], fake: fake,
                directory: directory, stdin: changed)
            XCTAssertEqual(forced.status, 0, forced.stderr)
            let settings = try await client.get(.configMaps, namespace: "shop", name: "settings")
            XCTAssertEqual(settings["data", "color"], "red")

            let delete = try await Self.kubectl(["delete", "namespace", "shop"], fake: fake, directory: directory)
            XCTAssertEqual(delete.status, 0, delete.stderr)
            XCTAssertTrue(delete.stdout.contains("namespace \"shop\" deleted"), delete.stdout)
            let after = try await Self.kubectl(["get", "namespace", "shop"], fake: fake, directory: directory)
            XCTAssertNotEqual(after.status, 0)
            XCTAssertTrue(after.stderr.contains("NotFound") || after.stderr.contains("not found"), after.stderr)
            let content = await kubeError { try await client.get(.deployments, namespace: "shop", name: "web") }
            XCTAssertEqual(content?.code, .notFound)
            }
        }
    }

    func testNamespaceShowsTerminatingToKubectl() async throws {
        try await withFake { fake, directory in
            await fake.setNamespaceFinalization(.manual)
            // `kubectl create namespace NAME` would send protobuf (the fake answers 415); from a manifest it sends JSON.
            let create = try await Self.kubectl(
                ["create", "-f", "-"], fake: fake, directory: directory,
                stdin: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: doomed\n")
            XCTAssertEqual(create.status, 0, create.stderr)
            let delete = try await Self.kubectl(["delete", "namespace", "doomed", "--wait=false"], fake: fake, directory: directory)
            XCTAssertEqual(delete.status, 0, delete.stderr)
            let get = try await Self.kubectl(["get", "namespace", "doomed"], fake: fake, directory: directory)
            XCTAssertTrue(get.stdout.contains("Terminating"), get.stdout + get.stderr)
            await fake.finalizeNamespaces()
            let gone = try await Self.kubectl(["get", "namespace", "doomed"], fake: fake, directory: directory)
            XCTAssertNotEqual(gone.status, 0)
        }
    }
}
