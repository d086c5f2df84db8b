import BerthKube
import BerthTesting
import Foundation
import XCTest

/// The KubeClient conformance suite: API behaviour Berth relies on, asserted through the client. It runs against
/// the fake API server (`FakeAPIConformanceTests`) and against a real kube-apiserver when `BERTH_TEST_KUBECONFIG`
/// is set (`RealClusterConformanceTests`). A backend adopts it with one test per case calling `run(_:on:)`
/// (XCTest on Linux does not discover inherited test methods, so the cases are named explicitly).
/// Each case works in its own fresh namespace and deletes it afterwards, so a real cluster is left clean.
struct KubeClientConformance: Sendable {
    /// Runs a body with a connection to one backend (starting and stopping it if needed).
    let withConnection: @Sendable (@Sendable (KubeConnection) async throws -> Void) async throws -> Void

    static let cases: [(String, @Sendable (KubeClientConformance) -> @Sendable () async throws -> Void)] = [
        ("createGetReplaceDelete", { $0.testCreateGetReplaceDelete }),
        ("invalidNameIsTypedWithCauses", { $0.testInvalidNameIsTypedWithCauses }),
        ("createInMissingNamespaceIsNotFound", { $0.testCreateInMissingNamespaceIsNotFound }),
        ("serverSideApplyCreatesUpdatesAndIsIdempotent", { $0.testServerSideApplyCreatesUpdatesAndIsIdempotent }),
        ("serverSideApplyConflictAndForce", { $0.testServerSideApplyConflictAndForce }),
        ("labelSelectors", { $0.testLabelSelectors }),
        ("pagination", { $0.testPagination }),
        ("watchSeesAddedModifiedDeleted", { $0.testWatchSeesAddedModifiedDeleted }),
        ("discoveryFindsKindsBeyondTheBuiltInTable", { $0.testDiscoveryFindsKindsBeyondTheBuiltInTable }),
        ("namespaceDeletionTerminates", { $0.testNamespaceDeletionTerminates }),
    ]

    /// Runs every case; a case that throws fails the calling test with the case's name.
    func runAll(file: StaticString = #filePath, line: UInt = #line) async {
        for (name, test) in Self.cases {
            do {
                try await test(self)()
            } catch {
                XCTFail("conformance case \(name): \(error)", file: file, line: line)
            }
        }
    }

    struct Cluster {
        /// Field manager `berth`.
        let client: KubeClient
        /// Field manager `other-controller`: to provoke server-side apply conflicts.
        let other: KubeClient
        let namespace: String
    }

    func withCluster(_ body: @Sendable (Cluster) async throws -> Void) async throws {
        try await withConnection { connection in
            let options = KubeClient.Options(requestTimeout: .seconds(10), retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10)))
            var otherOptions = options
            otherOptions.fieldManager = "other-controller"
            let client = try KubeClient(connection: connection, options: options)
            let other = try KubeClient(connection: connection, options: otherOptions)
            let namespace = "berth-test-\(UInt32.random(in: 0...UInt32.max))"
            var result: Result<Void, any Error> = .success(())
            do {
                _ = try await client.apply(KubeObject(apiVersion: "v1", kind: "Namespace", name: namespace))
                try await body(Cluster(client: client, other: other, namespace: namespace))
            } catch {
                result = .failure(error)
            }
            try? await client.delete(.namespaces, name: namespace)
            try await client.shutdown()
            try await other.shutdown()
            try result.get()
        }
    }

    static func configMap(_ name: String, _ namespace: String, data: [String: String] = [:], labels: [String: String] = [:])
        -> KubeObject
    {
        var object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
        if !data.isEmpty { object["data"] = JSONValue(data) }
        object.labels = labels
        return object
    }

    func testCreateGetReplaceDelete() async throws {
        try await withCluster { cluster in
            let ns = cluster.namespace
            let created = try await cluster.client.create(Self.configMap("settings", ns, data: ["a": "1"]))
            XCTAssertNotNil(created.resourceVersion)
            let again = await kubeError { try await cluster.client.create(Self.configMap("settings", ns)) }
            XCTAssertEqual(again?.code, .alreadyExists)

            var fetched = try await cluster.client.get(.configMaps, namespace: ns, name: "settings")
            XCTAssertEqual(fetched["data", "a"], "1")
            fetched["data", "a"] = "2"
            let replaced = try await cluster.client.replace(fetched)
            XCTAssertNotEqual(replaced.resourceVersion, created.resourceVersion)

            fetched["data", "a"] = "3"  // still carries the old resourceVersion
            let stale = await kubeError { try await cluster.client.replace(fetched) }
            XCTAssertEqual(stale?.code, .conflict)
            XCTAssertEqual(stale?.httpStatus, 409)

            try await cluster.client.delete(.configMaps, namespace: ns, name: "settings", propagationPolicy: .background)
            let gone = await kubeError { try await cluster.client.get(.configMaps, namespace: ns, name: "settings") }
            XCTAssertEqual(gone?.code, .notFound)
            XCTAssertEqual(gone?.reason, "NotFound")
        }
    }

    func testInvalidNameIsTypedWithCauses() async throws {
        try await withCluster { cluster in
            let error = await kubeError { try await cluster.client.create(Self.configMap("Bad_Name", cluster.namespace)) }
            XCTAssertEqual(error?.code, .invalid)
            XCTAssertEqual(error?.httpStatus, 422)
            XCTAssertTrue(error?.causes.contains { $0.field == "metadata.name" } == true, "\(String(describing: error))")
        }
    }

    func testCreateInMissingNamespaceIsNotFound() async throws {
        try await withCluster { cluster in
            let error = await kubeError {
                try await cluster.client.create(Self.configMap("x", cluster.namespace + "-missing"))
            }
            XCTAssertEqual(error?.code, .notFound)
        }
    }

    func testServerSideApplyCreatesUpdatesAndIsIdempotent() async throws {
        try await withCluster { cluster in
            let ns = cluster.namespace
            let first = try await cluster.client.apply(Self.configMap("applied", ns, data: ["a": "1", "b": "2"]))
            XCTAssertEqual(first["data", "b"], "2")
            XCTAssertTrue(first.fieldManagers.contains("berth"))
            let same = try await cluster.client.apply(Self.configMap("applied", ns, data: ["a": "1", "b": "2"]))
            XCTAssertEqual(same.resourceVersion, first.resourceVersion, "an unchanged apply writes nothing")
            // Dropping a field Berth owned removes it.
            let second = try await cluster.client.apply(Self.configMap("applied", ns, data: ["a": "1"]))
            XCTAssertNil(second["data", "b"])
            XCTAssertNotEqual(second.resourceVersion, first.resourceVersion)
        }
    }

    func testServerSideApplyConflictAndForce() async throws {
        try await withCluster { cluster in
            let ns = cluster.namespace
            _ = try await cluster.client.apply(Self.configMap("shared", ns, data: ["owner": "berth"]))
            let conflict = await kubeError {
                try await cluster.other.apply(Self.configMap("shared", ns, data: ["owner": "other"]))
            }
            XCTAssertEqual(conflict?.code, .conflict)
            XCTAssertTrue(conflict?.message.contains("berth") == true, "names the manager that owns the field")
            XCTAssertTrue(conflict?.causes.contains { $0.field.contains("data") } == true, "\(String(describing: conflict))")

            // The same value is no conflict: both managers own it.
            _ = try await cluster.other.apply(Self.configMap("shared", ns, data: ["owner": "berth"]))

            let forced = try await cluster.other.apply(Self.configMap("shared", ns, data: ["owner": "other"]), force: true)
            XCTAssertEqual(forced["data", "owner"], "other")
            // Now `berth` lost the field: its apply conflicts in turn.
            let back = await kubeError { try await cluster.client.apply(Self.configMap("shared", ns, data: ["owner": "berth"])) }
            XCTAssertEqual(back?.code, .conflict)
        }
    }

    func testLabelSelectors() async throws {
        try await withCluster { cluster in
            let ns = cluster.namespace
            for (name, tier) in [("a", "web"), ("b", "db"), ("c", "cache")] {
                _ = try await cluster.client.apply(Self.configMap(name, ns, labels: ["tier": tier, "app": "shop"]))
            }
            _ = try await cluster.client.apply(Self.configMap("d", ns, labels: ["app": "other"]))
            func names(_ selector: LabelSelector) async throws -> [String] {
                try await cluster.client.list(.configMaps, namespace: ns, selector: selector).items.map(\.name)
                    .filter { $0.count == 1 }.sorted()
            }
            try await assertEqual(names(LabelSelector([.equals("tier", "web")])), ["a"])
            try await assertEqual(names(LabelSelector([.notEquals("tier", "web"), .equals("app", "shop")])), ["b", "c"])
            try await assertEqual(names(LabelSelector([.isIn("tier", ["db", "cache"])])), ["b", "c"])
            try await assertEqual(names(LabelSelector([.notIn("tier", ["db"])])), ["a", "c", "d"])
            try await assertEqual(names(LabelSelector([.exists("tier")])), ["a", "b", "c"])
            try await assertEqual(names(LabelSelector([.doesNotExist("tier")])), ["d"])
        }
    }

    func testPagination() async throws {
        try await withCluster { cluster in
            let ns = cluster.namespace
            for index in 0..<5 {
                _ = try await cluster.client.apply(Self.configMap("page-\(index)", ns, labels: ["paged": "yes"]))
            }
            let selector = LabelSelector(matching: ["paged": "yes"])
            let first = try await cluster.client.list(.configMaps, namespace: ns, selector: selector, limit: 2)
            XCTAssertEqual(first.items.count, 2)
            XCTAssertNotNil(first.continueToken)
            let all = try await cluster.client.listAll(.configMaps, namespace: ns, selector: selector, pageSize: 2)
            XCTAssertEqual(all.items.map(\.name).sorted(), (0..<5).map { "page-\($0)" })
        }
    }

    func testWatchSeesAddedModifiedDeleted() async throws {
        try await withCluster { cluster in
            let ns = cluster.namespace
            let start = try await cluster.client.list(.configMaps, namespace: ns)
            let watch = try await cluster.client.watch(
                .configMaps, namespace: ns, selector: LabelSelector(matching: ["watched": "yes"]),
                resourceVersion: start.resourceVersion, allowBookmarks: false, timeoutSeconds: 20)
            _ = try await cluster.client.apply(Self.configMap("w", ns, data: ["v": "1"], labels: ["watched": "yes"]))
            _ = try await cluster.client.apply(Self.configMap("w", ns, data: ["v": "2"], labels: ["watched": "yes"]))
            try await cluster.client.delete(.configMaps, namespace: ns, name: "w")
            var seen: [WatchEvent.Kind] = []
            for try await event in watch where event.object.name == "w" {
                seen.append(event.kind)
                if event.kind == .deleted { break }
            }
            XCTAssertEqual(seen, [.added, .modified, .deleted])
        }
    }

    func testDiscoveryFindsKindsBeyondTheBuiltInTable() async throws {
        try await withCluster { cluster in
            let secrets = try await cluster.client.resource(apiVersion: "v1", kind: "Secret")
            XCTAssertEqual(secrets.name, "secrets")
            XCTAssertTrue(secrets.namespaced)
            let unknown = await kubeError { try await cluster.client.resource(apiVersion: "v1", kind: "NoSuchKind") }
            XCTAssertEqual(unknown?.code, .unknownKind)
        }
    }

    func testNamespaceDeletionTerminates() async throws {
        try await withCluster { cluster in
            let ns = cluster.namespace
            _ = try await cluster.client.apply(Self.configMap("content", ns))
            try await cluster.client.delete(.namespaces, name: ns)
            // Terminating (deletionTimestamp set) until its contents are gone, then NotFound.
            let terminated = try await eventually(timeout: .seconds(60), every: .milliseconds(200)) {
                guard let namespace = try? await cluster.client.get(.namespaces, name: ns) else { return true }
                XCTAssertNotNil(namespace.deletionTimestamp)
                return false
            }
            XCTAssertTrue(terminated, "namespace \(ns) was not finalized")
        }
    }
}

func assertEqual<T: Equatable>(_ actual: T, _ expected: T, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual, expected, file: file, line: line)
}

/// The suite against the fake API server.
final class FakeAPIConformanceTests: XCTestCase {
    func testConformance() async throws {
        await KubeClientConformance { body in
            try await FakeKubernetesAPI.withRunning { fake in try await body(fake.connection) }
        }.runAll()
    }
}

/// The suite against a real kube-apiserver: `BERTH_TEST_KUBECONFIG=/path/to/kubeconfig swift test --filter RealCluster`.
final class RealClusterConformanceTests: XCTestCase {
    func testConformance() async throws {
        guard let path = ProcessInfo.processInfo.environment["BERTH_TEST_KUBECONFIG"], !path.isEmpty else {
            throw XCTSkip("BERTH_TEST_KUBECONFIG is not set: no real cluster to test against")
        }
        let connection = try KubeConnection.kubeconfig(path: path)
        await KubeClientConformance { body in try await body(connection) }.runAll()
    }
}
