import BerthKube
import BerthStore
import Foundation
import Logging

/// The sleep engine over a fixed list of spaces in one cluster, without tenancy, audit or RPC: for
/// `sleep-benchmark` (which cannot use `@testable` in a release build). berth-sleep itself does not use it.
public struct StandaloneSleepEngine: Sendable {
    let engine: SleepEngine

    /// - Parameters:
    ///   - databasePath: a sleep.db to create or reuse.
    ///   - spaces: namespaces of cluster `cluster`, created at `createdAt`, that sleep after `sleepAfter`.
    public init(
        databasePath: String, connection: KubeConnection, cluster: String = "bench", spaces: [String],
        createdAt: Date, sleepAfter: String, now: @escaping @Sendable () -> Date, logger: Logger
    ) async throws {
        let database = try BerthDatabase.open(path: databasePath, migrations: SleepMigrations.all, logger: logger)
        let directory = StaticSpaceDirectory(
            cluster: DirectoryCluster(name: cluster, kubeconfig: "", context: "", isDefault: true),
            spaces: spaces.map {
                DirectorySpace(cluster: cluster, name: $0, team: "bench", owner: "bench", phase: "Ready", createdAt: createdAt)
            })
        let policies = SQLiteSleepPolicyStore(database: database)
        try await policies.set(.cluster(cluster), SleepPolicyValues(validating: .init(sleepAfter: sleepAfter)).wire)
        engine = SleepEngine(
            directory: directory,
            clients: ClusterClients(logger: logger) { _ in connection },
            states: SleepStateStore(database: database), policies: policies,
            activity: SQLiteActivityStore(database: database), savings: SavingsStore(database: database),
            audit: SleepAudit(recorder: nil, logger: logger), locks: SpaceLocks(), now: now, logger: logger)
    }

    /// One pass over every space: how many slept, woke and failed.
    public func runPass() async throws -> (slept: Int, woken: Int, failed: Int) {
        let summary = try await engine.runPass()
        return (summary.slept.count, summary.woken.count, summary.failed.count)
    }

    /// Wakes one space, returning once every object is restored.
    public func wake(space: String) async throws {
        guard let found = try await engine.directory.space(cluster: "", name: space) else {
            throw SleepError(code: .notFound, message: "space \"\(space)\" is not in the benchmark's list")
        }
        _ = try await engine.wake(found, by: .controller)
    }

    public func shutdown() async { await engine.clients.shutdown() }
}

/// A `SpaceDirectory` over a fixed list (no deletions).
struct StaticSpaceDirectory: SpaceDirectory {
    let cluster: DirectoryCluster
    let spaces: [DirectorySpace]
    private let byName: [String: DirectorySpace]

    init(cluster: DirectoryCluster, spaces: [DirectorySpace]) {
        self.cluster = cluster
        self.spaces = spaces
        byName = Dictionary(spaces.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func clusters() async throws -> [DirectoryCluster] { [cluster] }
    func spaces() async throws -> [DirectorySpace] { spaces }
    func space(cluster: String, name: String) async throws -> DirectorySpace? {
        cluster.isEmpty || cluster == self.cluster.name ? byName[name] : nil
    }
    func deleteSpace(cluster: String, name: String) async throws {
        throw SleepError(code: .failedPrecondition, message: "the standalone engine deletes no spaces")
    }
}
