import AuditService
import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import GatewayService
import Logging
import SleepService
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The Kubernetes audit webhook feeds berth-sleep's activity tracking (`RecordActivity` / `GetActivity`), best
/// effort: with sleep down the webhook still stores the events and answers 200.
final class AuditWebhookActivityTests: XCTestCase {
    static let t1: Int64 = 1_795_255_200_234_567_000  // 2026-11-21T10:00:00.234567Z

    static func item(
        _ auditID: String, user: String, verb: String, namespace: String?, time: String = "2026-11-21T10:00:00.234567Z"
    ) -> String {
        let object =
            namespace.map { #"{"resource":"configmaps","namespace":"\#($0)","name":"settings","apiVersion":"v1"}"# }
            ?? #"{"resource":"namespaces","name":"dev-1","apiVersion":"v1"}"#
        return """
            {"level":"Metadata","auditID":"\(auditID)","stage":"ResponseComplete","verb":"\(verb)",
             "user":{"username":"\(user)"},"objectRef":\(object),"responseStatus":{"code":200},
             "stageTimestamp":"\(time)"}
            """
    }

    func testSleepKeepsTheLatestActivityPerNamespaceAndRefusesBadBatchesWhole() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        try await withRunningService(try SleepService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .sleep)
            let missing = await rpcError {
                try await client.unary(SleepV1.getActivity, SleepV1.GetActivityRequest(cluster: "prod", namespace: "dev-1"))
            }
            XCTAssertEqual(missing?.code, .notFound)
            func activity(_ namespace: String, _ time: Int64) -> SleepV1.Activity {
                SleepV1.Activity(cluster: "prod", namespace: namespace, timeUnixNanos: time, kind: "kubernetes-request")
            }
            let first = try await client.unary(
                SleepV1.recordActivity, SleepV1.RecordActivityRequest(activities: [activity("dev-1", 200), activity("dev-2", 100)]))
            XCTAssertEqual(first.updated, 2)
            // Older and equal times never move it back; a newer one moves it forward.
            let late = try await client.unary(
                SleepV1.recordActivity, SleepV1.RecordActivityRequest(activities: [activity("dev-1", 150), activity("dev-1", 200)]))
            XCTAssertEqual(late.updated, 0)
            _ = try await client.unary(SleepV1.recordActivity, SleepV1.RecordActivityRequest(activities: [activity("dev-2", 300)]))
            let dev1 = try await client.unary(SleepV1.getActivity, SleepV1.GetActivityRequest(cluster: "prod", namespace: "dev-1"))
            XCTAssertEqual(dev1, activity("dev-1", 200))
            let dev2 = try await client.unary(SleepV1.getActivity, SleepV1.GetActivityRequest(cluster: "prod", namespace: "dev-2"))
            XCTAssertEqual(dev2.timeUnixNanos, 300)

            let bad = await rpcError {
                try await client.unary(
                    SleepV1.recordActivity,
                    SleepV1.RecordActivityRequest(activities: [activity("dev-1", 900), activity("Dev_3", 900)]))
            }
            XCTAssertEqual(bad?.code, .invalidArgument)
            XCTAssertTrue(bad?.message.contains("activity 1") ?? false, "\(String(describing: bad))")
            let unchanged = try await client.unary(
                SleepV1.getActivity, SleepV1.GetActivityRequest(cluster: "prod", namespace: "dev-1"))
            XCTAssertEqual(unchanged.timeUnixNanos, 200, "nothing of a refused batch is recorded")
        }
    }

    func testWebhookEventsUpdateActivityByTheRuleAndASleepOutageNeverFailsTheWebhook() async throws {
        let (port, env, root) = try AuditClientSpoolAndWebhookTests.webhookEnvironment()
        defer { env.remove(); root.remove() }
        let logger = Logger(label: "test")
        let batch = AuditClientSpoolAndWebhookTests.eventList([
            Self.item("p-1", user: "alice@example.com", verb: "create", namespace: "dev-1"),
            Self.item("p-2", user: "alice@example.com", verb: "get", namespace: "dev-1", time: "2026-11-21T09:00:00Z"),
            Self.item("s-1", user: "system:kube-controller-manager", verb: "update", namespace: "dev-2"),
            Self.item("s-2", user: "system:serviceaccount:kube-system:replicaset-controller", verb: "patch", namespace: "dev-2"),
            Self.item("s-3", user: "system:serviceaccount:berth:berth", verb: "watch", namespace: "dev-2"),
            Self.item("s-4", user: "system:serviceaccount:berth:berth", verb: "list", namespace: "dev-2"),
            Self.item("c-1", user: "ci@example.com", verb: "delete", namespace: nil),
            Self.item("d-1", user: "system:serviceaccount:dev-3:deployer", verb: "patch", namespace: "dev-3"),
        ])
        try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
            try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                let listening = await eventually {
                    (try? await AuditClientSpoolAndWebhookTests.post(port, AuditClientSpoolAndWebhookTests.eventList([]), token: nil))?.status == 401
                }
                XCTAssertTrue(listening)

                // Sleep is down: the events are stored all the same, and the answer is 200.
                let down = try await AuditClientSpoolAndWebhookTests.post(port, batch)
                XCTAssertEqual(down.status, 200, down.body)
                let stored = try await AuditClientSpoolAndWebhookTests.kubernetesEvents(env)
                XCTAssertEqual(stored.count, 8)

                try await withRunningService(try SleepService.build(config: env.config, logger: logger), in: env) {
                    // kube-apiserver re-delivers (or the next batch comes): now sleep hears of it.
                    let up = try await AuditClientSpoolAndWebhookTests.post(port, batch)
                    XCTAssertEqual(up.status, 200, up.body)
                    let sleep = env.client(for: .sleep)
                    let dev1 = try await sleep.unary(
                        SleepV1.getActivity, SleepV1.GetActivityRequest(cluster: "prod", namespace: "dev-1"))
                    XCTAssertEqual(
                        dev1, SleepV1.Activity(cluster: "prod", namespace: "dev-1", timeUnixNanos: Self.t1, kind: "kubernetes-request"),
                        "a person's requests count, the latest time wins")
                    let dev2 = await rpcError {
                        try await sleep.unary(SleepV1.getActivity, SleepV1.GetActivityRequest(cluster: "prod", namespace: "dev-2"))
                    }
                    XCTAssertEqual(dev2?.code, .notFound, "system users and berth's reads are no activity")
                    let dev3 = try await sleep.unary(
                        SleepV1.getActivity, SleepV1.GetActivityRequest(cluster: "prod", namespace: "dev-3"))
                    XCTAssertEqual(dev3.timeUnixNanos, Self.t1, "a team's service account writing counts")
                }
            }
        }
    }
}
