import BerthKube
import BerthModel
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

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
        self.reconciler = SpaceReconciler(client: client, logger: logger, ownWrites: OwnWrites())
        self.wakeups = wakeups
    }

    /// Asks for one space (nil: all) to be reconciled soon.
    func enqueue(_ space: String?) { wakeups.enqueue(space) }

    func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await self.tick() }
            group.addTask { try await self.retryDueSpaces() }
            for resource in SpaceReconciler.managedResources + [.namespaces] {
                group.addTask { await self.watchForDrift(resource) }
            }
            // Requests that arrive while a reconcile runs are merged: a space is reconciled once however many
            // events named it, and a full resync covers every single-space request.
            for await _ in wakeups.signals.cancelOnGracefulShutdown() {
                let (all, spaces) = wakeups.take()
                if all {
                    _ = await resyncAll()
                } else {
                    await forEachConcurrently(spaces) { name in _ = await self.reconcileOne(name) }
                }
            }
            group.cancelAll()
        }
    }

    /// Spaces that could not be reconciled for a passing reason (API unreachable, 5xx after the client's own
    /// retries, a namespace still terminating) are tried again after a backoff with jitter — 1 s doubling up to
    /// the resync interval — instead of waiting for the next full resync.
    private let retries = Mutex<[String: (attempts: Int, due: ContinuousClock.Instant)]>([:])

    private func scheduleRetry(_ name: String) {
        retries.withLock { retries in
            let attempts = (retries[name]?.attempts ?? 0) + 1
            let base = min(Duration.seconds(1) * (1 << min(attempts - 1, 16)), resyncInterval)
            let jitter = base * Double.random(in: 0...0.2)
            retries[name] = (attempts, ContinuousClock.now + base + jitter)
        }
    }

    /// The retry key of a full resync that could not read the cluster (not a valid space name).
    static let everySpace = "*"

    private func clearRetry(_ name: String) { _ = retries.withLock { $0.removeValue(forKey: name) } }

    private func retryDueSpaces() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(250))
            let now = ContinuousClock.now
            let due = retries.withLock { retries in retries.filter { $0.value.due <= now }.map(\.key) }
            for name in due { enqueue(name == Self.everySpace ? nil : name) }
        }
    }

    private func tick() async throws {
        while !Task.isCancelled {
            enqueue(nil)
            try await Task.sleep(for: resyncInterval)
        }
    }

    /// Watches Berth's objects of one kind from the resourceVersion of a list (no replay of what exists) and
    /// resumes from the last event seen; a change Berth did not make enqueues its space. After a 410 Gone it
    /// starts again from a fresh list and asks for a full resync (which covers what happened in between).
    private func watchForDrift(_ resource: KubeResource) async {
        let selector = LabelSelector(matching: [ManifestPolicy.managedByLabel: ManifestPolicy.managedByValue])
        var delay = Duration.milliseconds(200)
        var resourceVersion: String?
        while !Task.isCancelled {
            do {
                if resourceVersion == nil {
                    resourceVersion = try await client.list(resource, selector: selector, limit: 1).resourceVersion
                }
                for try await event in try await client.watch(resource, selector: selector, resourceVersion: resourceVersion) {
                    delay = .milliseconds(200)
                    if let version = event.object.resourceVersion { resourceVersion = version }
                    guard event.kind != .bookmark, !reconciler.ownWrites.consume(event.object.resourceVersion),
                        let space = event.object.labels[ManifestPolicy.spaceLabel] ?? namespaceSpace(event.object, resource)
                    else { continue }
                    enqueue(space)
                }
            } catch let error as KubeError where error.code == .gone {
                resourceVersion = nil
                enqueue(nil)
            } catch {
                if Task.isCancelled { return }
                logger.debug("watch ended", metadata: ["resource": "\(resource)", "error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }

    private func namespaceSpace(_ object: KubeObject, _ resource: KubeResource) -> String? {
        resource == .namespaces ? object.name : nil
    }

    /// Reconciles every space of the cluster from one read of what is there.
    @discardableResult
    func resyncAll() async -> ResyncReport {
        var report = ResyncReport()
        let live: LiveObjects
        // Whole seconds, as spaces' creation times are stored: a space created in this second or later may be
        // missing from the snapshot that follows, so it is read afresh rather than re-applied from stale data.
        let snapshotTaken = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        do {
            live = try await LiveObjects.read(client: client, resources: SpaceReconciler.managedResources)
        } catch {
            logger.warning("cluster unreachable; resync postponed", metadata: ["cluster": "\(cluster)", "error": "\(error)"])
            report.unreachable = true
            scheduleRetry(Self.everySpace)
            return report
        }
        clearRetry(Self.everySpace)
        var after: String?
        // Spaces reconciled from a fresh read during this resync: their state is newer than the snapshot.
        var freshlyReconciled = Set<String>()
        while true {
            let page: [Space]
            do {
                page = try await store.spaces(cluster: cluster.rawValue, after: after, limit: Self.resyncPageSize)
            } catch {
                logger.error("cannot read spaces", metadata: ["error": "\(error)"])
                return report
            }
            let outcomes = Mutex<[ReconcileOutcome]>([])
            let skip = freshlyReconciled
            await forEachConcurrently(page.filter { !skip.contains($0.name.rawValue) }) { space in
                let outcome: ReconcileOutcome?
                if space.createdAt >= snapshotTaken && live.namespaces[space.name.rawValue] == nil {
                    outcome = await self.reconcileOne(space.name.rawValue)  // nil: deleted meanwhile
                } else {
                    outcome = await self.reconcile(space, live: live)
                }
                if let outcome { outcomes.withLock { $0.append(outcome) } }
            }
            for outcome in outcomes.withLock({ $0 }) { report.add(outcome) }
            // Between pages, the spaces someone is waiting for (created, changed, drifted) go first.
            let urgent = wakeups.takeSpaces()
            if !urgent.isEmpty {
                await forEachConcurrently(urgent) { name in _ = await self.reconcileOne(name) }
                freshlyReconciled.formUnion(urgent)
            }
            guard page.count == Self.resyncPageSize, let last = page.last else { break }
            after = last.name.rawValue
        }
        return report
    }

    /// Spaces per page of a resync; between pages waiting single-space requests are served (50 spaces is about
    /// 0.1 s of CPU, the most a person waits behind a resync).
    static let resyncPageSize = 50

    /// Spaces are independent: up to `concurrency` are reconciled at once (API round trips dominate).
    static let concurrency = 8

    private func forEachConcurrently<T: Sendable>(_ items: [T], _ body: @escaping @Sendable (T) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            var iterator = items.makeIterator()
            for _ in 0..<Self.concurrency {
                guard let item = iterator.next() else { break }
                group.addTask { await body(item) }
            }
            while await group.next() != nil {
                if let item = iterator.next() { group.addTask { await body(item) } }
            }
        }
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
                let rendered = try renderer.render(template, for: context, validatingValues: false)
                outcome = await reconciler.reconcile(space, rendered: rendered, live: live)
            } catch let error as TenancyError {
                outcome = .failed(error.message)
            } catch {
                outcome = .retry("\(error)")
            }
        }
        await record(outcome, for: space)
        switch outcome {
        case .retry, .terminating: scheduleRetry(space.name.rawValue)
        default: clearRetry(space.name.rawValue)
        }
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
