import BerthKube
import BerthModel
import BerthStore
import BerthTesting
import Foundation
import Logging
import XCTest

@testable import TenancyService

final class SpaceControllerTests: XCTestCase {
    /// A controller for cluster "main" on a fresh fake API and a real tenancy.db in a temporary directory.
    static func withController(
        _ body: @Sendable (FakeKubernetesAPI, KubeClient, SQLiteSpaceStore, SpaceController) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        let database = try BerthDatabase.open(
            path: directory.path + "/tenancy.db", migrations: TenancyMigrations.all, logger: Logger(label: "test"))
        let store = SQLiteSpaceStore(database: database)
        for template in BuiltInTemplates.all { try await store.saveTemplate(template) }
        try await FakeKubernetesAPI.withRunning { api in
            try await KubeClient.withClient(connection: api.connection) { client in
                let controller = SpaceController(
                    cluster: try DNSLabel("main"), client: client, store: store,
                    subjects: { _ in RoleSubjects(groups: [.member: ["payments-devs"]]) }, prefixes: SubjectPrefixes(),
                    resyncInterval: .seconds(3600), logger: Logger(label: "test"))
                try await body(api, client, store, controller)
            }
        }
    }

    static func space(_ name: String, template: String = "default", version: Int = 1) throws -> Space {
        Space(
            name: try DNSLabel(name), cluster: try DNSLabel("main"), team: try DNSLabel("payments"), owner: "alice",
            template: try DNSLabel(template), templateVersion: version, values: [:], labels: [:], expiresAt: nil,
            deleteProtection: false, phase: .pending, message: "", deleting: false, generation: 1,
            observedGeneration: 0, appliedKinds: [], createdAt: Date(timeIntervalSince1970: 0))
    }

    func testResyncMakesSpacesReadyRecordsStatusAndThenWritesNothing() async throws {
        try await Self.withController { api, client, store, controller in
            try await store.create(try Self.space("alpha"))
            try await store.create(try Self.space("beta", template: "restricted"))
            let first = await controller.resyncAll()
            XCTAssertEqual(first.ready, 2)
            let alpha = try await store.space(cluster: "main", name: "alpha")
            XCTAssertEqual(alpha?.phase, .ready)
            XCTAssertEqual(alpha?.observedGeneration, 1)
            XCTAssertTrue(alpha?.appliedKinds.contains("v1/ResourceQuota") == true)
            let beta = try await client.get(.namespaces, name: "beta")
            XCTAssertEqual(beta.labels["pod-security.kubernetes.io/enforce"], "restricted")

            await api.clearRequests()
            let second = await controller.resyncAll()
            XCTAssertEqual(second, ResyncReport(spaces: 2, ready: 2, failed: 0, pending: 0, writes: 0, unreachable: false))
            let writes = await api.requests().filter { $0.method != "GET" }.count
            XCTAssertEqual(writes, 0)
        }
    }

    func testATakenNameIsAnErrorWithAMessageAndTheForeignNamespaceSurvives() async throws {
        try await Self.withController { api, client, store, controller in
            _ = try await client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "taken"), resource: .namespaces)
            try await store.create(try Self.space("taken"))
            let outcome = await controller.reconcileOne("taken")
            guard case .failed = outcome else { return XCTFail("\(String(describing: outcome))") }
            let space = try await store.space(cluster: "main", name: "taken")
            XCTAssertEqual(space?.phase, .error)
            XCTAssertTrue(space?.message.contains("not Berth's") == true, space?.message ?? "")
        }
    }

    func testDeleteRemovesTheNamespaceAndForgetsTheSpaceOnlyWhenItIsGone() async throws {
        try await Self.withController { api, client, store, controller in
            await api.setNamespaceFinalization(.manual)
            try await store.create(try Self.space("gamma"))
            _ = await controller.reconcileOne("gamma")
            try await store.markDeleting(cluster: "main", name: "gamma")
            _ = await controller.reconcileOne("gamma")
            let terminating = try await store.space(cluster: "main", name: "gamma")
            XCTAssertEqual(terminating?.phase, .terminating)
            await api.finalizeNamespaces()
            _ = await controller.reconcileOne("gamma")
            let gone = try await store.space(cluster: "main", name: "gamma")
            XCTAssertNil(gone, "forgotten once the namespace is gone; the name can be reused")
        }
    }

    func testAClusterThatIsDownPostponesTheResync() async throws {
        try await Self.withController { api, client, store, controller in
            try await store.create(try Self.space("delta"))
            await api.inject(FakeKubernetesFailure(method: "GET", status: 503, count: 100))
            let report = await controller.resyncAll()
            XCTAssertTrue(report.unreachable)
            let space = try await store.space(cluster: "main", name: "delta")
            XCTAssertEqual(space?.phase, .pending, "nothing recorded as failed for a transient outage")
        }
    }

    func testRunningControllerRepairsADeletedObjectFromTheWatch() async throws {
        try await Self.withController { api, client, store, controller in
            try await store.create(try Self.space("epsilon"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await controller.run() }
                let ready = try await eventually { try await store.space(cluster: "main", name: "epsilon")?.phase == .ready }
                XCTAssertTrue(ready)
                try await client.delete(.roleBindings, namespace: "epsilon", name: "berth-member")
                let repaired = await eventually {
                    (try? await client.get(.roleBindings, namespace: "epsilon", name: "berth-member")) != nil
                }
                XCTAssertTrue(repaired, "the watch saw the deletion and the controller put the binding back")
                group.cancelAll()
            }
        }
    }

    func testTransientFailuresAreRetriedWithBackoffNotLeftToTheNextResync() async throws {
        try await Self.withController { api, client, store, controller in
            try await store.create(try Self.space("zeta"))
            // Every request fails for a while (more than the client's own retries), then the API recovers.
            await api.inject(FakeKubernetesFailure(status: 503, count: 40))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await controller.run() }
                let ready = try await eventually(timeout: .seconds(30), every: .milliseconds(100)) {
                    try await store.space(cluster: "main", name: "zeta")?.phase == .ready
                }
                XCTAssertTrue(ready, "the space became Ready without waiting for the hourly resync")
                group.cancelAll()
            }
        }
    }
}
