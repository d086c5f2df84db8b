import BerthKube
import BerthModel
import BerthTesting
import Foundation
import Logging
import XCTest

@testable import TenancyService

final class SpaceReconcilerTests: XCTestCase {
    static let subjects = RoleSubjects(groups: [.owner: ["payments-leads"], .member: ["payments-devs"]])

    static func space(_ name: String = "payments-dev", appliedKinds: [String] = [], deleting: Bool = false) throws -> Space {
        Space(
            name: try DNSLabel(name), cluster: try DNSLabel("main"), team: try DNSLabel("payments"), owner: "alice",
            template: try DNSLabel("default"), templateVersion: 1, values: [:], labels: [:], expiresAt: nil,
            deleteProtection: false, phase: .pending, message: "", deleting: deleting, generation: 1,
            observedGeneration: 0, appliedKinds: appliedKinds, createdAt: Date(timeIntervalSince1970: 0))
    }

    static func render(_ template: SpaceTemplate = BuiltInTemplates.standard, for space: Space) throws -> RenderedSpace {
        try TemplateRenderer().render(
            template,
            for: SpaceRenderContext(space: space.name, team: space.team, owner: space.owner, subjects: Self.subjects))
    }

    /// Runs `body` with a reconciler on a fresh fake API server.
    func withReconciler(
        _ body: @Sendable (FakeKubernetesAPI, KubeClient, SpaceReconciler) async throws -> Void
    ) async throws {
        try await FakeKubernetesAPI.withRunning { api in
            try await KubeClient.withClient(connection: api.connection) { client in
                try await body(api, client, SpaceReconciler(client: client, logger: Logger(label: "test")))
            }
        }
    }

    static func pass(_ reconciler: SpaceReconciler, _ client: KubeClient, _ space: Space, _ rendered: RenderedSpace) async throws -> ReconcileOutcome {
        let live = try await LiveObjects.read(client: client, resources: SpaceReconciler.managedResources)
        return await reconciler.reconcile(space, rendered: rendered, live: live)
    }

    func testCreatesTheNamespaceAndEveryObjectThenAResyncWritesNothing() async throws {
        let space = try Self.space()
        let rendered = try Self.render(for: space)
        try await withReconciler { api, client, reconciler in
            let first = try await Self.pass(reconciler, client, space, rendered)
            guard case .ready(let kinds, let writes) = first else { return XCTFail("\(first)") }
            XCTAssertEqual(writes, 1 + rendered.objects.count, "one create for the namespace, one apply per object")
            XCTAssertTrue(kinds.contains("v1/ResourceQuota"))

            let namespace = try await client.get(.namespaces, name: "payments-dev")
            XCTAssertEqual(namespace.labels["pod-security.kubernetes.io/enforce"], "baseline")
            XCTAssertEqual(namespace.labels["berth.dev/space"], "payments-dev")
            let quota = try await client.get(.resourceQuotas, namespace: "payments-dev", name: "berth-quota")
            XCTAssertEqual(quota["spec", "hard", "requests.cpu"], "4")
            XCTAssertEqual(quota.fieldManagers, ["berth"])
            let binding = try await client.get(.roleBindings, namespace: "payments-dev", name: "berth-owner")
            XCTAssertEqual(binding["roleRef", "name"], "admin")

            await api.clearRequests()
            let second = try await Self.pass(reconciler, client, space, rendered)
            XCTAssertEqual(second, .ready(appliedKinds: kinds, writes: 0))
            let writeRequests = await api.requests().filter { $0.method != "GET" }
            XCTAssertEqual(writeRequests.map { "\($0.method) \($0.path)" }, [], "a resync when nothing changed writes nothing")
        }
    }

    func testDriftIsRepaired() async throws {
        let space = try Self.space()
        let rendered = try Self.render(for: space)
        try await withReconciler { api, client, reconciler in
            _ = try await Self.pass(reconciler, client, space, rendered)
            // Someone deletes a RoleBinding and edits the quota with kubectl (another field manager).
            try await client.delete(.roleBindings, namespace: "payments-dev", name: "berth-member")
            var quota = try await client.get(.resourceQuotas, namespace: "payments-dev", name: "berth-quota")
            quota["spec", "hard", "requests.cpu"] = "64"
            _ = try await client.replace(quota, resource: .resourceQuotas)

            let outcome = try await Self.pass(reconciler, client, space, rendered)
            guard case .ready(_, let writes) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertEqual(writes, 2)
            let repaired = try await client.get(.resourceQuotas, namespace: "payments-dev", name: "berth-quota")
            XCTAssertEqual(repaired["spec", "hard", "requests.cpu"], "4")
            _ = try await client.get(.roleBindings, namespace: "payments-dev", name: "berth-member")
        }
    }

    func testANamespaceThatIsNotBerthsIsNeverAdopted() async throws {
        let space = try Self.space()
        try await withReconciler { api, client, reconciler in
            _ = try await client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "payments-dev"), resource: .namespaces)
            let outcome = try await Self.pass(reconciler, client, space, try Self.render(for: space))
            guard case .failed(let message) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertTrue(message.contains("is not Berth's"), message)
            let namespace = try await client.get(.namespaces, name: "payments-dev")
            XCTAssertNil(namespace.labels["berth.dev/space"], "the foreign namespace was left untouched")
            let quotas = try await client.list(.resourceQuotas, namespace: "payments-dev")
            XCTAssertTrue(quotas.items.isEmpty)
        }
    }

    func testObjectsATemplateVersionDroppedArePruned() async throws {
        let space = try Self.space()
        try await withReconciler { api, client, reconciler in
            let first = try await Self.pass(reconciler, client, space, try Self.render(for: space))
            guard case .ready(let kinds, _) = first else { return XCTFail("\(first)") }
            var slimmer = BuiltInTemplates.standard
            slimmer.version = 2
            slimmer.isolateNetwork = false
            let outcome = try await Self.pass(reconciler, client, try Self.space(appliedKinds: kinds), try Self.render(slimmer, for: space))
            guard case .ready(let newKinds, _) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertFalse(newKinds.contains("networking.k8s.io/v1/NetworkPolicy"))
            let policies = try await client.list(.networkPolicies, namespace: "payments-dev")
            XCTAssertEqual(policies.items.map(\.name), [], "the dropped NetworkPolicies are gone")
        }
    }

    func testAnObjectSomeoneElseMadeIsReportedNotTakenOver() async throws {
        let space = try Self.space()
        try await withReconciler { api, client, reconciler in
            _ = try await Self.pass(reconciler, client, space, try Self.render(for: space))
            var template = BuiltInTemplates.standard
            template.manifests = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: \"1\"\n"
            var theirs = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "payments-dev")
            theirs["data"] = ["a": "0"]
            // Created with a plain POST (an Update by another manager), without Berth's labels: someone else's.
            _ = try await client.create(theirs, resource: .configMaps)
            let outcome = try await Self.pass(reconciler, client, space, try Self.render(template, for: space))
            switch outcome {
            case .ready:
                let live = try await client.get(.configMaps, namespace: "payments-dev", name: "settings")
                XCTFail("took over someone else's ConfigMap: \(live.json)")
            case .failed(let message):
                XCTAssertTrue(message.contains("created by someone else"), message)
            default: XCTFail("\(outcome)")
            }
        }
    }

    func testForbiddenIsReportedAndServerErrorsAreRetried() async throws {
        let space = try Self.space()
        try await withReconciler { api, client, reconciler in
            await api.setForbiddenNamespaces(["payments-dev"])
            let forbidden = try await Self.pass(reconciler, client, space, try Self.render(for: space))
            guard case .failed(let message) = forbidden else { return XCTFail("\(forbidden)") }
            XCTAssertTrue(message.contains("403") && message.contains("berth-rbac.yaml"), message)
        }
    }

    func testDeleteWaitsForTheNamespaceToFinishTerminating() async throws {
        let space = try Self.space()
        try await withReconciler { api, client, reconciler in
            await api.setNamespaceFinalization(.manual)
            _ = try await Self.pass(reconciler, client, space, try Self.render(for: space))
            let deleting = try Self.space(deleting: true)
            let first = await reconciler.delete(deleting)
            XCTAssertEqual(first, .terminating)
            let again = await reconciler.delete(deleting)
            XCTAssertEqual(again, .terminating, "still terminating: the name is not free yet")
            await api.finalizeNamespaces()
            let done = await reconciler.delete(deleting)
            XCTAssertEqual(done, .deleted)
        }
    }
}
