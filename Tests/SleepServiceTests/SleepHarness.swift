import BerthKube
import BerthRPC
import BerthRuntime
import BerthStore
import BerthTesting
import Foundation
import Logging
import Synchronization

@testable import SleepService

/// An injected clock for the `now` closures: moves only when a test says so.
final class TestNow: Sendable {
    private let date: Mutex<Date>
    init(_ text: String) { date = Mutex(TestNow.utc(text)) }
    var now: Date { date.withLock { $0 } }
    func set(_ text: String) { date.withLock { $0 = TestNow.utc(text) } }
    func advance(seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0) }
}

/// Lets a test's authorizer decide by the bearer token: "Bearer <username>"; admins listed in `admins`; any
/// token for a user not in `allowed` (besides the space's owner) is refused as tenancy would.
struct TokenNameAuthorizer: SpaceAuthorizer {
    var admins: Set<String> = ["root"]
    var allowed: Set<String> = []

    func authorize(
        _ operation: SpaceOperation, space: DirectorySpace, peer: PeerCredentials, metadata: [String: String]
    ) async throws -> SleepActor {
        guard let header = metadata["authorization"], header.hasPrefix("Bearer ") else {
            throw SleepError(code: .permissionDenied, message: "no token")
        }
        let user = String(header.dropFirst(7))
        guard admins.contains(user) || allowed.contains(user) || user == space.owner else {
            throw SleepError(code: .permissionDenied, message: "\(user) may not \(operation.rawValue) \(space.name)")
        }
        return SleepActor(
            username: user, isAdmin: admins.contains(user),
            auditActor: AuditV1.Actor(subject: user, username: user, authenticatedBy: "test-token"))
    }
}

/// sleep.db in a temporary directory, the fake Kubernetes API, an in-memory directory with cluster `main`, an
/// in-memory audit trail and an injected clock; `engine()` builds a fresh engine on the same database (a
/// "restarted" berth-sleep).
struct SleepHarness: Sendable {
    let api: FakeKubernetesAPI
    let client: KubeClient
    let database: BerthDatabase
    let directory: InMemorySpaceDirectory
    let audit: RecordingAudit
    let clock: TestNow
    let downClusters: Set<String>
    let pricing: BerthConfig.Sleep

    static func run(
        start: String = "2026-11-20T09:00:00Z", downClusters: Set<String> = [],
        _ body: @Sendable (SleepHarness) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try BerthDatabase.open(
            path: directory.path + "/sleep.db", migrations: SleepMigrations.all, logger: Logger(label: "test"))
        try await FakeKubernetesAPI.withRunning { api in
            try await KubeClient.withClient(connection: api.connection) { client in
                let spaces = InMemorySpaceDirectory()
                spaces.add(cluster: "main", isDefault: true)
                var pricing = BerthConfig.defaults(binDir: "/nonexistent").sleep
                pricing.cpuHourPrice = "0.04"
                pricing.memoryGiBHourPrice = "0.005"
                let harness = SleepHarness(
                    api: api, client: client, database: database, directory: spaces, audit: RecordingAudit(),
                    clock: TestNow(start), downClusters: downClusters,
                    pricing: pricing)
                try await body(harness)
            }
        }
    }

    /// The parts of berth-sleep on this database; call again for a "restarted" process. Shut the clients down
    /// with `parts.engine.clients.shutdown()` (done by `withParts`).
    func withParts<T: Sendable>(
        authorizer: any SpaceAuthorizer = TokenNameAuthorizer(), wakeTimeout: Duration = .seconds(30),
        _ body: (SleepService.Parts) async throws -> T
    ) async throws -> T {
        let api = api
        let down = downClusters
        let clock = clock
        var options = KubeClient.Options(requestTimeout: .seconds(5), retry: .none)
        options.fieldManager = "berth-sleep"
        let parts = try SleepService.Parts(
            database: database, directory: directory, authorizer: authorizer,
            clients: ClusterClients(options: options, logger: Logger(label: "test")) { cluster in
                // A cluster that is down: nothing listens on the discard port.
                if down.contains(cluster.name) {
                    return KubeConnection(server: URL(string: "http://127.0.0.1:9")!, credentials: .bearerToken("x"))
                }
                return api.connection
            },
            recorder: audit, pricing: pricing, wakeTimeout: wakeTimeout, principals: PrincipalResolver(adminGroup: "berth-admin", verifier: StaticTokenVerifier([:])),
            now: { clock.now }, clock: ContinuousClock(), logger: Logger(label: "test"))
        let result: Result<T, any Error>
        do {
            result = .success(try await body(parts))
        } catch {
            result = .failure(error)
        }
        await parts.engine.clients.shutdown()
        return try result.get()
    }

    /// A space with a namespace and workloads: web (3 replicas, 250m/256Mi per pod), worker (2), db
    /// StatefulSet (1), cronjob nightly, an HPA on web (min 2), and `pinned` labelled berth.dev/sleep=never.
    func addSpace(_ name: String, cluster: String = "main", team: String = "payments", owner: String = "alice", created: String = "2026-11-01T00:00:00Z") async throws {
        directory.add(
            DirectorySpace(cluster: cluster, name: name, team: team, owner: owner, phase: "Ready", createdAt: TestNow.utc(created)))
        guard !downClusters.contains(cluster) else { return }
        _ = try await client.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: name), resource: .namespaces)
        for (workload, replicas) in [("web", 3), ("worker", 2)] {
            var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: workload, namespace: name)
            deployment["spec"] = [
                "replicas": .int(Int64(replicas)),
                "template": ["spec": ["containers": [["name": "app", "resources": ["requests": ["cpu": "250m", "memory": "256Mi"]]]]]],
            ]
            _ = try await client.create(deployment, resource: .deployments)
        }
        var pinned = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "pinned", namespace: name)
        pinned.labels = ["berth.dev/sleep": "never"]
        pinned["spec"] = ["replicas": 1]
        _ = try await client.create(pinned, resource: .deployments)
        var database = KubeObject(apiVersion: "apps/v1", kind: "StatefulSet", name: "db", namespace: name)
        database["spec"] = [
            "replicas": 1,
            "template": ["spec": ["containers": [["name": "db", "resources": ["requests": ["cpu": "1", "memory": "1Gi"]]]]]],
        ]
        _ = try await client.create(database, resource: .statefulSets)
        var job = KubeObject(apiVersion: "batch/v1", kind: "CronJob", name: "nightly", namespace: name)
        job["spec"] = ["schedule": "0 3 * * *", "suspend": false]
        _ = try await client.create(job, resource: .cronJobs)
        var hpa = KubeObject(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", name: "web", namespace: name)
        hpa["spec"] = ["minReplicas": 2, "maxReplicas": 5, "scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "web"]]
        _ = try await client.create(hpa, resource: .horizontalPodAutoscalers)
    }

    func replicas(_ space: String, _ name: String, _ resource: KubeResource = .deployments) async throws -> Int64? {
        try await client.get(resource, namespace: space, name: name)["spec", "replicas"]?.intValue
    }

    func hpaMin(_ space: String) async throws -> Int64? {
        try await client.get(.horizontalPodAutoscalers, namespace: space, name: "web")["spec", "minReplicas"]?.intValue
    }

    func state(_ space: String, cluster: String = "main") async throws -> SpaceSleepState {
        try await SleepStateStore(database: database).state(cluster: cluster, namespace: space)
    }

    /// A person's Kubernetes request in the space at the current test time (as the gateway reports it).
    func personActivity(_ space: String) async throws {
        _ = try await SQLiteActivityStore(database: database).record([
            SleepV1.Activity(
                cluster: "main", namespace: space, timeUnixNanos: Int64(clock.now.timeIntervalSince1970 * 1e9),
                kind: "kubernetes-request")
        ])
    }

    func setPolicy(_ scope: PolicyScope, _ policy: SleepV1.SleepPolicy) async throws {
        _ = try SleepPolicyValues(validating: policy)
        try await SQLiteSleepPolicyStore(database: database).set(scope, policy)
    }
}
