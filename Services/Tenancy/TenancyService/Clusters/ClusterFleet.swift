import BerthKube
import BerthModel
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Runs one controller per connected cluster, each in its own task, so that a cluster that is down only delays
/// its own spaces. Clusters added or removed at run time (`changed()`) are started or stopped without a restart.
final class ClusterFleet: Service, Sendable {
    let store: any ClusterStore
    let spaces: any SpaceStore
    let subjects: @Sendable (Space) async throws -> RoleSubjects
    let prefixes: SubjectPrefixes
    let resyncInterval: Duration
    /// Stamps health checks (tests inject it).
    let now: @Sendable () -> Date
    let healthInterval: Duration
    let logger: Logger
    private let inboxes = Mutex<[String: SpaceWakeups]>([:])
    private let changes: AsyncStream<Void>
    private let change: AsyncStream<Void>.Continuation

    init(
        store: any ClusterStore, spaces: any SpaceStore, subjects: @escaping @Sendable (Space) async throws -> RoleSubjects,
        prefixes: SubjectPrefixes, resyncInterval: Duration, healthInterval: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.now = now
        self.store = store
        self.spaces = spaces
        self.subjects = subjects
        self.prefixes = prefixes
        self.resyncInterval = resyncInterval
        self.healthInterval = healthInterval
        self.logger = logger
        (changes, change) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The inbox of `cluster`'s controller (created on first use, so requests made before it starts are kept).
    func wakeups(for cluster: String) -> SpaceWakeups {
        inboxes.withLock { inboxes in
            if let existing = inboxes[cluster] { return existing }
            let created = SpaceWakeups()
            inboxes[cluster] = created
            return created
        }
    }

    func enqueue(cluster: String, space: String?) { wakeups(for: cluster).enqueue(space) }

    /// Each cluster's waiting reconciles (`SpaceWakeups.depth`).
    func queueDepths() -> [(cluster: String, depth: Int)] {
        inboxes.withLock { inboxes in inboxes.map { (cluster: $0.key, depth: $0.value.depth) } }
    }

    /// The set of clusters changed in the store: start and stop controllers to match.
    func changed() { change.yield() }

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running: [String: (kubeconfig: String, context: String, stop: AsyncStream<Void>.Continuation)] = [:]
            func reconcileFleet() async {
                let clusters: [Cluster]
                do {
                    clusters = try await store.clusters()
                } catch {
                    logger.error("cannot read clusters", metadata: ["error": "\(error)"])
                    return
                }
                let wanted = Dictionary(uniqueKeysWithValues: clusters.map { ($0.name.rawValue, $0) })
                for (name, entry) in running {
                    let still = wanted[name]
                    if still == nil || still?.kubeconfig != entry.kubeconfig || still?.context != entry.context {
                        entry.stop.finish()
                        running[name] = nil
                    }
                }
                for cluster in clusters where running[cluster.name.rawValue] == nil {
                    let (stopped, stop) = AsyncStream<Void>.makeStream()
                    running[cluster.name.rawValue] = (cluster.kubeconfig, cluster.context, stop)
                    group.addTask { await self.runController(for: cluster, until: stopped) }
                }
            }
            await reconcileFleet()
            for await _ in changes.cancelOnGracefulShutdown() { await reconcileFleet() }
            for entry in running.values { entry.stop.finish() }
            group.cancelAll()
        }
    }

    /// One cluster's controller and health check, until the cluster is removed (or the service stops). A
    /// kubeconfig that cannot be read is reported as the cluster's health and retried.
    private func runController(for cluster: Cluster, until stopped: AsyncStream<Void>) async {
        let name = cluster.name.rawValue
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var delay = Duration.seconds(1)
                while !Task.isCancelled {
                    do {
                        let connection = try cluster.connection()
                        try await KubeClient.withClient(connection: connection, logger: self.logger) { client in
                            let controller = SpaceController(
                                cluster: cluster.name, client: client, store: self.spaces, subjects: self.subjects,
                                prefixes: self.prefixes, resyncInterval: self.resyncInterval,
                                wakeups: self.wakeups(for: name), logger: self.logger)
                            try await withThrowingTaskGroup(of: Void.self) { inner in
                                inner.addTask { try await controller.run() }
                                inner.addTask { await self.checkHealth(of: name, client: client) }
                                try await inner.next()
                                inner.cancelAll()
                            }
                        }
                        return
                    } catch {
                        if Task.isCancelled { return }
                        try? await self.store.recordHealth(
                            name: name, health: .unreachable, message: "\(error)", at: self.now())
                        self.logger.warning("cluster controller failed", metadata: ["cluster": "\(name)", "error": "\(error)"])
                        try? await Task.sleep(for: delay)
                        delay = min(delay * 2, .seconds(60))
                    }
                }
            }
            for await _ in stopped {}
            group.cancelAll()
        }
        logger.info("cluster controller stopped", metadata: ["cluster": "\(name)"])
    }

    private func checkHealth(of name: String, client: KubeClient) async {
        while !Task.isCancelled {
            let (health, message): (ClusterHealth, String)
            do {
                _ = try await client.list(.namespaces, limit: 1)
                (health, message) = (.ready, "")
            } catch let error as KubeError where error.code == .unauthorized || error.code == .forbidden {
                (health, message) = (.unauthorized, error.message)
            } catch {
                (health, message) = (.unreachable, "\(error)")
            }
            try? await store.recordHealth(name: name, health: health, message: message, at: now())
            try? await Task.sleep(for: healthInterval)
        }
    }
}
