import BerthKube
import BerthStore
import BerthTesting
import Foundation
import Logging
import XCTest

@testable import SleepService

/// Sleep and wake against the fake API server, with sleep.db in a temporary directory.
final class SpaceSleeperTests: XCTestCase {
    static func withSleeper(
        _ body: @Sendable (FakeKubernetesAPI, KubeClient, SpaceSleeper, SleepStateStore) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try BerthDatabase.open(
            path: directory.path + "/sleep.db", migrations: SleepMigrations.all, logger: Logger(label: "test"))
        let store = SleepStateStore(database: database)
        try await FakeKubernetesAPI.withRunning { api in
            try await KubeClient.withClient(connection: api.connection) { client in
                _ = try await client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "dev"), resource: .namespaces)
                for (name, replicas) in [("web", 3), ("worker", 2)] {
                    var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: name, namespace: "dev")
                    deployment["spec"] = ["replicas": .int(Int64(replicas))]
                    _ = try await client.create(deployment, resource: .deployments)
                }
                var pinned = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "pinned", namespace: "dev")
                pinned.labels = ["berth.dev/sleep": "never"]
                pinned["spec"] = ["replicas": 1]
                _ = try await client.create(pinned, resource: .deployments)
                var database = KubeObject(apiVersion: "apps/v1", kind: "StatefulSet", name: "db", namespace: "dev")
                database["spec"] = ["replicas": 1]
                _ = try await client.create(database, resource: .statefulSets)
                var job = KubeObject(apiVersion: "batch/v1", kind: "CronJob", name: "nightly", namespace: "dev")
                job["spec"] = ["schedule": "0 3 * * *", "suspend": false]
                _ = try await client.create(job, resource: .cronJobs)
                let sleeper = SpaceSleeper(
                    client: client, store: store, cluster: "main", now: { Date(timeIntervalSince1970: 1000) },
                    logger: Logger(label: "test"))
                try await body(api, client, sleeper, store)
            }
        }
    }

    static func replicas(_ client: KubeClient, _ resource: KubeResource, _ name: String) async throws -> Int64? {
        try await client.get(resource, namespace: "dev", name: name)["spec", "replicas"]?.intValue
    }

    func testSleepScalesDownSuspendsAndBlocksPodsThenWakeRestoresExactly() async throws {
        try await Self.withSleeper { api, client, sleeper, store in
            let slept = try await sleeper.sleep(namespace: "dev", reason: "inactivity")
            XCTAssertEqual(
                Set(slept.changed), ["Deployment/web", "Deployment/worker", "StatefulSet/db", "CronJob/nightly"])
            XCTAssertEqual(slept.skipped, ["Deployment/pinned"])
            let webReplicas = try await Self.replicas(client, .deployments, "web")
            XCTAssertEqual(webReplicas, 0)
            let pinnedReplicas = try await Self.replicas(client, .deployments, "pinned")
            XCTAssertEqual(pinnedReplicas, 1, "berth.dev/sleep=never is left alone")
            let web = try await client.get(.deployments, namespace: "dev", name: "web")
            XCTAssertEqual(web.annotations["berth.dev/sleep-original"], "3")
            let job = try await client.get(.cronJobs, namespace: "dev", name: "nightly")
            XCTAssertEqual(job["spec", "suspend"], true)
            let quota = try await client.get(.resourceQuotas, namespace: "dev", name: "berth-sleep")
            XCTAssertEqual(quota["spec", "hard", "pods"], "0")
            let asleep = try await store.state(cluster: "main", namespace: "dev")
            XCTAssertEqual(asleep, .asleep)

            let again = try await sleeper.sleep(namespace: "dev", reason: "inactivity")
            XCTAssertEqual(again.changed, [], "sleeping twice changes nothing")

            let woken = try await sleeper.wake(namespace: "dev", reason: "manual by alice")
            XCTAssertEqual(woken.conflicts, [])
            XCTAssertEqual(Set(woken.changed), ["Deployment/web", "Deployment/worker", "StatefulSet/db", "CronJob/nightly"])
            let webAfter = try await client.get(.deployments, namespace: "dev", name: "web")
            XCTAssertEqual(webAfter["spec", "replicas"], 3)
            XCTAssertNil(webAfter.annotations["berth.dev/sleep-original"])
            let dbReplicas = try await Self.replicas(client, .statefulSets, "db")
            XCTAssertEqual(dbReplicas, 1)
            let jobAfter = try await client.get(.cronJobs, namespace: "dev", name: "nightly")
            XCTAssertEqual(jobAfter["spec", "suspend"], false)
            do {
                _ = try await client.get(.resourceQuotas, namespace: "dev", name: "berth-sleep")
                XCTFail("the pods:0 quota is still there")
            } catch let error as KubeError {
                XCTAssertEqual(error.code, .notFound)
            }
            let awake = try await store.state(cluster: "main", namespace: "dev")
            XCTAssertEqual(awake, .awake)
        }
    }

    func testAValueAPersonSetWhileAsleepIsKeptAndReported() async throws {
        try await Self.withSleeper { api, client, sleeper, store in
            _ = try await sleeper.sleep(namespace: "dev", reason: "schedule")
            var worker = try await client.get(.deployments, namespace: "dev", name: "worker")
            worker["spec", "replicas"] = 5
            _ = try await client.replace(worker, resource: .deployments)
            let woken = try await sleeper.wake(namespace: "dev", reason: "schedule")
            XCTAssertEqual(woken.conflicts, ["Deployment/worker"])
            let workerReplicas = try await Self.replicas(client, .deployments, "worker")
            XCTAssertEqual(workerReplicas, 5, "their value wins")
            let webReplicas = try await Self.replicas(client, .deployments, "web")
            XCTAssertEqual(webReplicas, 3)
        }
    }

    func testARerunAfterACrashKeepsTheOriginalValues() async throws {
        try await Self.withSleeper { api, client, sleeper, store in
            // A first run that died after scaling web to 0 (its original recorded) and before anything else.
            _ = try await store.remember(SleptWorkload(kind: .deployment, name: "web", original: 3), cluster: "main", namespace: "dev")
            var web = try await client.get(.deployments, namespace: "dev", name: "web")
            web["spec", "replicas"] = 0
            web.annotations["berth.dev/sleep-original"] = "3"
            _ = try await client.replace(web, resource: .deployments)
            try await store.setState(.sleeping, cluster: "main", namespace: "dev", reason: "inactivity", at: Date())

            _ = try await sleeper.sleep(namespace: "dev", reason: "inactivity")
            let recorded = try await store.workloads(cluster: "main", namespace: "dev")
            XCTAssertEqual(recorded.first { $0.name == "web" }?.original, 3, "not the 0 the first run wrote")
            _ = try await sleeper.wake(namespace: "dev", reason: "manual")
            let webReplicas = try await Self.replicas(client, .deployments, "web")
            XCTAssertEqual(webReplicas, 3)
            let workerReplicas = try await Self.replicas(client, .deployments, "worker")
            XCTAssertEqual(workerReplicas, 2)
        }
    }
}
