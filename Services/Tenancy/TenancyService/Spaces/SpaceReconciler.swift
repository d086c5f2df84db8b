import BerthKube
import Foundation
import Logging
import Synchronization

/// What reconciling one space came to.
enum ReconcileOutcome: Sendable, Equatable {
    /// The cluster matches the space; `appliedKinds` is what to remember for pruning; `writes` counts requests
    /// that changed something (0 on a resync where nothing drifted).
    case ready(appliedKinds: [String], writes: Int)
    /// Berth cannot make the cluster match without a person acting (taken name, 403, 422, bad template).
    case failed(String)
    /// Temporarily impossible (API unreachable, 5xx after retries, namespace still terminating); try again later.
    case retry(String)
    /// Deleting: the namespace is going away; look again later.
    case terminating
    /// Deleting: the namespace is gone; forget the space.
    case deleted
}

/// Makes one cluster match one space: the namespace (claimed, never adopted), then every object of the space's
/// rendering by server-side apply (field manager `berth`), then prunes Berth's objects that the rendering no
/// longer has. Level-triggered: it looks at what is there every time, so a crash at any point is repaired by the
/// next pass, and a pass over a matching space writes nothing.
struct SpaceReconciler: Sendable {
    /// The kinds the built-in templates create, listed on every resync; others are looked up per space.
    static let managedResources: [KubeResource] = [
        .resourceQuotas, .limitRanges, .networkPolicies, .roleBindings, .serviceAccounts, .configMaps,
    ]

    let client: KubeClient
    let logger: Logger
    /// Told the resourceVersion of every object Berth writes, so that the watch event its own write causes does
    /// not trigger another reconcile.
    var ownWrites: OwnWrites = OwnWrites()

    func reconcile(
        _ space: Space, rendered: RenderedSpace, live: LiveObjects
    ) async -> ReconcileOutcome {
        do {
            return try await converge(space, rendered: rendered, live: live)
        } catch let error as KubeError {
            return Self.outcome(for: error, space: space)
        } catch {
            return .retry("\(error)")
        }
    }

    /// Removes the space's namespace; `.deleted` once the API server no longer has it.
    func delete(_ space: Space) async -> ReconcileOutcome {
        let name = space.name.rawValue
        do {
            let namespace: KubeObject
            do {
                namespace = try await client.get(.namespaces, name: name)
            } catch let error as KubeError where error.code == .notFound {
                return .deleted
            }
            guard Self.isBerths(namespace, space: name) else {
                // Not ours (never created, or someone else's with the same name): nothing of ours to delete.
                return .deleted
            }
            if namespace.deletionTimestamp == nil {
                try await client.delete(.namespaces, name: name, propagationPolicy: .background)
            }
            return .terminating
        } catch let error as KubeError {
            return Self.outcome(for: error, space: space)
        } catch {
            return .retry("\(error)")
        }
    }

    private func converge(_ space: Space, rendered: RenderedSpace, live: LiveObjects) async throws -> ReconcileOutcome {
        let name = space.name.rawValue
        var writes = 0
        var createdNamespace = false
        // 1. The namespace: create it (which claims the name atomically), or check that the one there is ours.
        if let namespace = live.namespaces[name] {
            if namespace.deletionTimestamp != nil {
                return .retry("namespace \(name) is still terminating; it is recreated when it is gone")
            }
            if !DesiredState.isSatisfied(desired: JSONValue(rendered.namespaceLabels), live: namespace.json[path: ["metadata", "labels"]] ?? [:]) {
                try await applyNamespace(name, labels: rendered.namespaceLabels)
                writes += 1
            }
        } else {
            do {
                var namespace = KubeObject(apiVersion: "v1", kind: "Namespace", name: name)
                namespace.labels = rendered.namespaceLabels
                ownWrites.remember(try await client.create(namespace, resource: .namespaces))
                writes += 1
                createdNamespace = true
            } catch let error as KubeError where error.code == .alreadyExists {
                let existing = try await client.get(.namespaces, name: name)
                guard Self.isBerths(existing, space: name) else {
                    return .failed(
                        "namespace \(name) already exists in cluster \(space.cluster) and is not Berth's: Berth never "
                            + "adopts a namespace; choose another space name")
                }
                if existing.deletionTimestamp != nil {
                    return .retry("namespace \(name) is still terminating; it is recreated when it is gone")
                }
                try await applyNamespace(name, labels: rendered.namespaceLabels)
                writes += 1
            }
        }
        // 2. The objects.
        var appliedKinds: Set<String> = []
        var desiredKeys: Set<String> = []
        for json in rendered.objects {
            let object = KubeObject(json: json)
            let resource = try await client.resource(for: object)
            guard resource.namespaced else {
                return .failed("the template creates a \(object.kind), which this cluster serves cluster-scoped")
            }
            appliedKinds.insert("\(object.apiVersion)/\(object.kind)")
            let key = LiveObjects.key(object)
            desiredKeys.insert(key)
            let covered = live.coveredKinds.contains("\(object.apiVersion)/\(object.kind)")
            if covered, let existing = live.objects[key], DesiredState.isSatisfied(desired: json, live: existing.json) {
                continue
            }
            try await apply(
                object, resource: resource, knownToBeOurs: covered && live.objects[key] != nil,
                namespaceIsNew: createdNamespace)
            writes += 1
        }
        // 3. Prune Berth's objects of this space that the rendering no longer has (kinds applied before or now).
        for kind in appliedKinds.union(space.appliedKinds).sorted() {
            let parts = kind.split(separator: "/")
            guard let kindName = parts.last else { continue }
            let apiVersion = parts.dropLast().joined(separator: "/")
            let resource = try await client.resource(apiVersion: apiVersion, kind: String(kindName))
            let existing: [KubeObject]
            if live.coveredKinds.contains(kind) {
                existing = live.objects(kind: String(kindName), apiVersion: apiVersion, namespace: name)
            } else {
                existing = try await LiveObjects.list(
                    resource, client: client, namespace: name,
                    selector: LabelSelector(matching: [
                        ManifestPolicy.managedByLabel: ManifestPolicy.managedByValue, ManifestPolicy.spaceLabel: name,
                    ]))
            }
            for object in existing where !desiredKeys.contains(LiveObjects.key(object)) {
                guard object.labels[ManifestPolicy.spaceLabel] == name else { continue }
                do {
                    try await client.delete(resource, namespace: name, name: object.name)
                    writes += 1
                } catch let error as KubeError where error.code == .notFound {
                    continue
                }
            }
        }
        return .ready(appliedKinds: appliedKinds.sorted(), writes: writes)
    }

    private func applyNamespace(_ name: String, labels: [String: String]) async throws {
        var namespace = KubeObject(apiVersion: "v1", kind: "Namespace", name: name)
        namespace.labels = labels
        ownWrites.remember(try await client.apply(namespace, resource: .namespaces, force: true))
    }

    /// Server-side apply (so that Berth's field manager owns every field it sets, and a field a newer template
    /// drops is removed), with `force` only on an object Berth owns (its labels say so). An object not known to be
    /// Berth's is looked up first: one of the same name that someone else made in the space is reported, never
    /// taken over.
    /// In a namespace Berth has just created nothing can be in the way: apply at once, and only when that
    /// conflicts (someone was quicker) look at what is there.
    private func apply(
        _ object: KubeObject, resource: KubeResource, knownToBeOurs: Bool, namespaceIsNew: Bool = false
    ) async throws {
        if namespaceIsNew && !knownToBeOurs {
            do {
                ownWrites.remember(try await client.apply(object, resource: resource, force: false))
                return
            } catch let error as KubeError where error.code == .conflict {
                try await apply(object, resource: resource, knownToBeOurs: false)
                return
            }
        }
        if !knownToBeOurs {
            do {
                let existing = try await client.get(resource, namespace: object.namespace, name: object.name)
                guard Self.isBerths(existing, space: object.namespace ?? "") else {
                    throw KubeError(
                        .conflict,
                        "\(object.kind) \(object.name) in space \(object.namespace ?? "") was created by someone "
                            + "else; delete or rename it so that Berth can manage it")
                }
            } catch let error as KubeError where error.code == .notFound {
                // Absent: the apply below creates it, owned by Berth alone.
                ownWrites.remember(try await client.apply(object, resource: resource, force: false))
                return
            }
        }
        ownWrites.remember(try await client.apply(object, resource: resource, force: true))
    }

    /// Whether `object` (a namespace or an object in one) carries Berth's labels for `space`.
    static func isBerths(_ object: KubeObject, space: String) -> Bool {
        object.labels[ManifestPolicy.managedByLabel] == ManifestPolicy.managedByValue
            && object.labels[ManifestPolicy.spaceLabel] == space
    }

    /// Which API answers a person must act on (reported in the space's status) and which pass on their own.
    static func outcome(for error: KubeError, space: Space) -> ReconcileOutcome {
        switch error.code {
        case .forbidden:
            return .failed(
                "cluster \(space.cluster) refused Berth (403): \(error.message); grant Berth the RBAC in "
                    + "deploy/kubernetes/berth-rbac.yaml")
        case .invalid:
            return .failed("cluster \(space.cluster) rejected an object of the template (422): \(error.message)")
        case .conflict, .unknownKind, .badRequest, .unauthorized:
            return .failed(error.message)
        default:
            return .retry(error.message)
        }
    }
}

/// The resourceVersions of Berth's own recent writes (bounded: the oldest are forgotten first).
final class OwnWrites: Sendable {
    private let versions = Mutex<(set: Set<String>, order: [String])>((set: [], order: []))
    static let capacity = 50_000

    func remember(_ object: KubeObject) {
        guard let version = object.resourceVersion else { return }
        versions.withLock { state in
            guard state.set.insert(version).inserted else { return }
            state.order.append(version)
            if state.order.count > Self.capacity {
                let dropped = state.order.prefix(Self.capacity / 2)
                state.set.subtract(dropped)
                state.order.removeFirst(dropped.count)
            }
        }
    }

    /// True (once) when `version` is one Berth wrote.
    func consume(_ version: String?) -> Bool {
        guard let version else { return false }
        return versions.withLock { $0.set.remove(version) != nil }
    }
}
