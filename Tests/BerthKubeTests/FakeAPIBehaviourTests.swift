import BerthKube
import BerthTesting
import Foundation
import XCTest

/// What only the fake can stage: injected failures (retries), a compacted watch history (410 → relist),
/// forbidden namespaces, a namespace held in Terminating, and request counting.
final class FakeAPIBehaviourTests: XCTestCase {
    static let fastRetry = KubeClient.Options(
        requestTimeout: .seconds(5), retry: RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(50)))

    func withClient(
        options: KubeClient.Options = fastRetry, _ body: @Sendable (FakeKubernetesAPI, KubeClient) async throws -> Void
    ) async throws {
        try await FakeKubernetesAPI.withRunning { fake in
            let client = try KubeClient(connection: fake.connection, options: options)
            do {
                _ = try await client.apply(KubeObject(apiVersion: "v1", kind: "Namespace", name: "team-a"))
                try await body(fake, client)
            } catch {
                try await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    func testIdempotentCallsAreRetriedAfter429And503() async throws {
        try await withClient { fake, client in
            await fake.clearRequests()
            await fake.inject(FakeKubernetesFailure(method: "GET", pathContains: "/namespaces/team-a", status: 429, count: 1, retryAfterSeconds: 0))
            await fake.inject(FakeKubernetesFailure(method: "GET", pathContains: "/namespaces/team-a", status: 503, count: 2))
            let namespace = try await client.get(.namespaces, name: "team-a")
            XCTAssertEqual(namespace.name, "team-a")
            let count = await fake.requestCount(method: "GET", pathContains: "/namespaces/team-a")
            XCTAssertEqual(count, 4, "one 429, two 503, then success")
        }
    }

    func testRetriesStopAtMaxAttemptsWithTheTypedError() async throws {
        try await withClient { fake, client in
            await fake.inject(FakeKubernetesFailure(method: "GET", pathContains: "/namespaces/team-a", status: 503, count: 10))
            let error = await kubeError { try await client.get(.namespaces, name: "team-a") }
            XCTAssertEqual(error?.code, .serverError)
            XCTAssertEqual(error?.httpStatus, 503)
        }
    }

    func testCreateIsNotRetriedAfter5xxButIsAfter429() async throws {
        try await withClient { fake, client in
            await fake.inject(FakeKubernetesFailure(method: "POST", status: 500, count: 1))
            let error = await kubeError { try await client.create(KubeConfigMaps.make("once", "team-a")) }
            XCTAssertEqual(error?.code, .serverError)
            let firstPosts = await fake.requestCount(method: "POST")
            XCTAssertEqual(firstPosts, 1)

            await fake.inject(FakeKubernetesFailure(method: "POST", status: 429, count: 1))
            _ = try await client.create(KubeConfigMaps.make("once", "team-a"))
            let posts = await fake.requestCount(method: "POST")
            XCTAssertEqual(posts, 3)
        }
    }

    func testRetryAfterIsReported() async throws {
        var options = Self.fastRetry
        options.retry = .none
        try await withClient(options: options) { fake, client in
            await fake.inject(FakeKubernetesFailure(status: 429, count: 1, retryAfterSeconds: 7))
            let error = await kubeError { try await client.get(.namespaces, name: "team-a") }
            XCTAssertEqual(error?.code, .tooManyRequests)
            XCTAssertEqual(error?.retryAfter, .seconds(7))
        }
    }

    func testWatchFromACompactedVersionIsGoneAndRelistRecovers() async throws {
        try await withClient { fake, client in
            _ = try await client.apply(KubeConfigMaps.make("old", "team-a"))
            let before = try await client.list(.configMaps, namespace: "team-a")
            _ = try await client.apply(KubeConfigMaps.make("new", "team-a"))
            await fake.compactHistory()
            let watch = try await client.watch(.configMaps, namespace: "team-a", resourceVersion: before.resourceVersion, timeoutSeconds: 5)
            var goneError: KubeError?
            do {
                for try await _ in watch {}
            } catch let error as KubeError {
                goneError = error
            }
            XCTAssertEqual(goneError?.code, .gone)
            // Relist, then watch from the list: bookmark first, then new events.
            let relisted = try await client.list(.configMaps, namespace: "team-a")
            XCTAssertEqual(relisted.items.map(\.name).sorted(), ["new", "old"])
            let resumed = try await client.watch(.configMaps, namespace: "team-a", resourceVersion: relisted.resourceVersion, timeoutSeconds: 5)
            _ = try await client.apply(KubeConfigMaps.make("newest", "team-a"))
            var kinds: [WatchEvent.Kind] = []
            for try await event in resumed {
                kinds.append(event.kind)
                if event.kind == .added {
                    XCTAssertEqual(event.object.name, "newest")
                    break
                }
            }
            XCTAssertEqual(kinds, [.bookmark, .added])
        }
    }

    func testEveryRequestHasADeadlineAndASlowReadIsRetried() async throws {
        var options = Self.fastRetry
        options.requestTimeout = .milliseconds(300)
        try await withClient(options: options) { fake, client in
            await fake.clearRequests()
            // One stalled answer: the GET times out, is retried, and the second attempt answers.
            await fake.stall(method: "GET", pathContains: "/namespaces/team-a", count: 1, for: .seconds(1))
            let namespace = try await client.get(.namespaces, name: "team-a")
            XCTAssertEqual(namespace.name, "team-a")
            // A create is not retried after a timeout: the server may have done it.
            await fake.stall(method: "POST", count: 1, for: .seconds(1))
            let error = await kubeError { try await client.create(KubeConfigMaps.make("slow", "team-a")) }
            XCTAssertEqual(error?.code, .timeout)
        }
    }

    func testWatchWithSelectorSeesObjectsLeaveAndJoin() async throws {
        try await withClient { fake, client in
            var object = KubeConfigMaps.make("drifty", "team-a")
            object.labels = ["app.kubernetes.io/managed-by": "berth"]
            let created = try await client.create(object)
            let watch = try await client.watch(
                .configMaps, namespace: "team-a", selector: LabelSelector(matching: ["app.kubernetes.io/managed-by": "berth"]),
                resourceVersion: created.resourceVersion, allowBookmarks: false, timeoutSeconds: 5)
            var edited = created
            edited.labels = [:]
            edited = try await client.replace(edited)  // someone removed the label: Berth's watch loses it
            edited.labels = ["app.kubernetes.io/managed-by": "berth"]
            _ = try await client.replace(edited)  // and it is back
            var kinds: [WatchEvent.Kind] = []
            for try await event in watch {
                kinds.append(event.kind)
                if kinds.count == 2 { break }
            }
            XCTAssertEqual(kinds, [.deleted, .added])
        }
    }

    func testForbiddenNamespaceAnswers403() async throws {
        try await withClient { fake, client in
            await fake.setForbiddenNamespaces(["team-a"])
            let error = await kubeError { try await client.list(.configMaps, namespace: "team-a") }
            XCTAssertEqual(error?.code, .forbidden)
            XCTAssertEqual(error?.httpStatus, 403)
        }
    }

    func testNamespaceStaysTerminatingUntilFinalized() async throws {
        try await withClient { fake, client in
            await fake.setNamespaceFinalization(.manual)
            _ = try await client.apply(KubeConfigMaps.make("content", "team-a"))
            try await client.delete(.namespaces, name: "team-a")
            let namespace = try await client.get(.namespaces, name: "team-a")
            XCTAssertEqual(namespace["status", "phase"], "Terminating")
            XCTAssertNotNil(namespace.deletionTimestamp)
            XCTAssertEqual(namespace["spec", "finalizers"], ["kubernetes"])
            let refused = await kubeError { try await client.create(KubeConfigMaps.make("late", "team-a")) }
            XCTAssertEqual(refused?.code, .forbidden, "kube-apiserver refuses new content in a terminating namespace")
            XCTAssertEqual(refused?.causes.first?.reason, "NamespaceTerminating")
            await fake.finalizeNamespaces()
            let content = await kubeError { try await client.get(.configMaps, namespace: "team-a", name: "content") }
            XCTAssertEqual(content?.code, .notFound)
            let gone = await kubeError { try await client.get(.namespaces, name: "team-a") }
            XCTAssertEqual(gone?.code, .notFound)
        }
    }

    func testRequestsAreCounted() async throws {
        try await withClient { fake, client in
            await fake.clearRequests()
            _ = try await client.apply(KubeConfigMaps.make("a", "team-a"))
            _ = try await client.get(.configMaps, namespace: "team-a", name: "a")
            let total = await fake.requestCount()
            let patches = await fake.requestCount(method: "PATCH", pathContains: "/configmaps/a")
            XCTAssertEqual(total, 2)
            XCTAssertEqual(patches, 1)
            let records = await fake.requests()
            XCTAssertTrue(records[0].query.contains("fieldManager=berth"))
        }
    }
}

enum KubeConfigMaps {
    static func make(_ name: String, _ namespace: String) -> KubeObject {
        KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
    }
}

/// The generic path: a kind outside the built-in table (a CRD's) is found through discovery and served.
final class FakeAPIGenericKindTests: XCTestCase {
    func testRegisteredKindIsDiscoveredAndServed() async throws {
        try await FakeKubernetesAPI.withRunning { fake in
            await fake.register(KubeResource(group: "example.com", version: "v1", name: "widgets", kind: "Widget", namespaced: true))
            try await KubeClient.withClient(connection: fake.connection) { client in
                _ = try await client.apply(KubeObject(apiVersion: "v1", kind: "Namespace", name: "team-a"))
                var widget = KubeObject(apiVersion: "example.com/v1", kind: "Widget", name: "w1", namespace: "team-a")
                widget["spec", "size"] = 3
                let applied = try await client.apply(widget)
                XCTAssertEqual(applied["spec", "size"], 3)
                let resource = try await client.resource(apiVersion: "example.com/v1", kind: "Widget")
                XCTAssertEqual(resource.path(namespace: "team-a", name: "w1"), "/apis/example.com/v1/namespaces/team-a/widgets/w1")
                let listed = try await client.list(resource, namespace: "team-a")
                XCTAssertEqual(listed.items.map(\.name), ["w1"])
            }
        }
    }
}
