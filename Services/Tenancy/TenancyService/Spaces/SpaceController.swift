import BerthKube
import BerthModel
import Foundation
import Logging
import ServiceLifecycle

/// Keeps one cluster matching the spaces `tenancy.db` wants there. Level-triggered: a full resync every
/// `resyncInterval` (one label-selected list per kind, a write only where something differs), plus an immediate
/// reconcile of one space when it is created or changed (`enqueue`) or when a watch sees one of Berth's objects
/// change (drift is repaired within a round trip). A cluster that is down only delays its own spaces: each cluster
/// has its own controller.
final class SpaceController: Service, Sendable {
    let cluster: DNSLabel
    let client: KubeClient
    let store: any SpaceStore
    let subjects: @Sendable (Space) async throws -> RoleSubjects
    let prefixes: SubjectPrefixes
    let resyncInterval: Duration
    let logger: Logger
    private let reconciler: SpaceReconciler
    private let renderer = TemplateRenderer()
    private let wakeups: SpaceWakeups

    init(
        cluster: DNSLabel, client: KubeClient, store: any SpaceStore,
        subjects: @escaping @Sendable (Space) async throws -> RoleSubjects, prefixes: SubjectPrefixes,
        resyncInterval: Duration, wakeups: SpaceWakeups = SpaceWakeups(), logger: Logger
    ) {
        self.cluster = cluster
        self.client = client
        self.store = store
        self.subjects = subjects
        self.prefixes = prefixes
        self.resyncInterval = resyncInterval
        self.logger = logger
        self.reconciler = SpaceReconciler(client: client, logger: logger)
        self.wakeups = wakeups
    }

    /// Asks for one space (nil: all) to be reconciled soon.
    func enqueue(_ space: String?) { wakeups.enqueue(space) }

    func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await self.tick() }
            for resource in SpaceReconciler.managedResources + [.namespaces] {
                group.addTask { await self.watchForDrift(resource) }
            }
            for await request in wakeups.stream.cancelOnGracefulShutdown() {
                if let name = request {
                    _ = await reconcileOne(name)
                } else {
                    _ = await resyncAll()
                }
            }
            group.cancelAll()
        }
    }

    private func tick() async throws {
        while !Task.isCancelled {
            enqueue(nil)
            try await Task.sleep(for: resyncInterval)
        }
    }

    /// Watches Berth's objects of one kind; any change enqueues its space. A watch that ends or fails is reopened
    /// (after a 410 Gone, from "now": the next resync covers what happened in between).
    private func watchForDrift(_ resource: KubeResource) async {
        let selector = LabelSelector(matching: [ManifestPolicy.managedByLabel: ManifestPolicy.managedByValue])
        var delay = Duration.milliseconds(200)
        while !Task.isCancelled {
            do {
                for try await event in try await client.watch(resource, selector: selector) {
                    delay = .milliseconds(200)
                    guard let space = event.object.labels[ManifestPolicy.spaceLabel] else { continue }
                    enqueue(space)
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("watch ended", metadata: ["resource": "\(resource)", "error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }

    /// Reconciles every space of the cluster from one read of what is there.
    @discardableResult
    func resyncAll() async -> ResyncReport {
        var report = ResyncReport()
        let live: LiveObjects
        do {
            live = try await LiveObjects.read(client: client, resources: SpaceReconciler.managedResources)
        } catch {
            logger.warning("cluster unreachable; resync postponed", metadata: ["cluster": "\(cluster)", "error": "\(error)"])
            report.unreachable = true
            return report
        }
        var after: String?
        while true {
            let page: [Space]
            do {
                page = try await store.spaces(cluster: cluster.rawValue, after: after, limit: 500)
            } catch {
                logger.error("cannot read spaces", metadata: ["error": "\(error)"])
                return report
            }
            for space in page { report.add(await reconcile(space, live: live)) }
            guard page.count == 500, let last = page.last else { break }
            after = last.name.rawValue
        }
        return report
    }

    /// Reconciles one space from a fresh read of its namespace.
    @discardableResult
    func reconcileOne(_ name: String) async -> ReconcileOutcome? {
        do {
            guard let space = try await store.space(cluster: cluster.rawValue, name: name) else { return nil }
            let live = try await LiveObjects.read(client: client, resources: SpaceReconciler.managedResources, namespace: name)
            return await reconcile(space, live: live)
        } catch {
            logger.warning("cannot reconcile space", metadata: ["space": "\(name)", "error": "\(error)"])
            return .retry("\(error)")
        }
    }

    private func reconcile(_ space: Space, live: LiveObjects) async -> ReconcileOutcome {
        let outcome: ReconcileOutcome
        if space.deleting {
            outcome = await reconciler.delete(space)
        } else {
            do {
                guard let template = try await store.template(name: space.template.rawValue, version: space.templateVersion)
                else {
                    outcome = .failed("template \(space.template) version \(space.templateVersion) no longer exists")
                    await record(outcome, for: space)
                    return outcome
                }
                let context = SpaceRenderContext(
                    space: space.name, team: space.team, owner: space.owner, values: space.values,
                    subjects: try await subjects(space), prefixes: prefixes)
                let rendered = try renderer.render(template, for: context)
                outcome = await reconciler.reconcile(space, rendered: rendered, live: live)
            } catch let error as TenancyError {
                outcome = .failed(error.message)
            } catch {
                outcome = .retry("\(error)")
            }
        }
        await record(outcome, for: space)
        return outcome
    }

    /// Writes the outcome into the space's status (only when it changed, and only for the generation it was
    /// computed for), or forgets a deleted space.
    private func record(_ outcome: ReconcileOutcome, for space: Space) async {
        let cluster = space.cluster.rawValue
        let name = space.name.rawValue
        do {
            switch outcome {
            case .ready(let kinds, let writes):
                let phase: SpacePhase = space.phase == .sleeping ? .sleeping : .ready
                let changed = try await store.recordStatus(
                    cluster: cluster, name: name, generation: space.generation, phase: phase, message: "",
                    appliedKinds: kinds)
                if changed || writes > 0 {
                    logger.info("space reconciled", metadata: ["space": "\(name)", "cluster": "\(cluster)", "writes": "\(writes)"])
                }
            case .failed(let message):
                let changed = try await store.recordStatus(
                    cluster: cluster, name: name, generation: space.generation, phase: .error, message: message,
                    appliedKinds: nil)
                if changed { logger.warning("space failed", metadata: ["space": "\(name)", "reason": "\(message)"]) }
            case .retry(let message):
                // Keep the phase; say why it is not there yet.
                _ = try await store.recordStatus(
                    cluster: cluster, name: name, generation: space.generation,
                    phase: space.deleting ? .terminating : (space.phase == .ready ? .ready : .pending),
                    message: message, appliedKinds: nil)
            case .terminating:
                _ = try await store.recordStatus(
                    cluster: cluster, name: name, generation: space.generation, phase: .terminating, message: "",
                    appliedKinds: nil)
            case .deleted:
                try await store.remove(cluster: cluster, name: name)
                logger.info("space deleted", metadata: ["space": "\(name)", "cluster": "\(cluster)"])
            }
        } catch {
            logger.error("cannot record a space's status", metadata: ["space": "\(name)", "error": "\(error)"])
        }
    }
}

/// The controller's inbox: RPC handlers put the names of spaces they changed here (nil: everything), before or
/// while the controller runs.
final class SpaceWakeups: Sendable {
    let stream: AsyncStream<String?>
    private let continuation: AsyncStream<String?>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    func enqueue(_ space: String?) { continuation.yield(space) }
}

/// Connects to a cluster when the service starts, runs its `SpaceController`, and closes the connection when the
/// service stops (the HTTP client must be shut down, even when the controller fails).
struct ClusterControllerService: Service {
    let cluster: DNSLabel
    let connection: KubeConnection
    let store: any SpaceStore
    let subjects: @Sendable (Space) async throws -> RoleSubjects
    let prefixes: SubjectPrefixes
    let resyncInterval: Duration
    let wakeups: SpaceWakeups
    let logger: Logger

    func run() async throws {
        try await KubeClient.withClient(connection: connection, logger: logger) { client in
            let controller = SpaceController(
                cluster: cluster, client: client, store: store, subjects: subjects, prefixes: prefixes,
                resyncInterval: resyncInterval, wakeups: wakeups, logger: logger)
            try await controller.run()
        }
    }
}

/// What one resync did (for logs, tests and the benchmark).
struct ResyncReport: Sendable, Equatable {
    var spaces = 0
    var ready = 0
    var failed = 0
    var pending = 0
    var writes = 0
    var unreachable = false

    mutating func add(_ outcome: ReconcileOutcome) {
        spaces += 1
        switch outcome {
        case .ready(_, let count):
            ready += 1
            writes += count
        case .failed: failed += 1
        case .retry, .terminating, .deleted: pending += 1
        }
    }
}
