import BerthKube

/// What the cluster holds of Berth's spaces, read with label-selected lists (one per kind, paginated) instead of
/// one GET per object: a resync of 10,000 spaces reads a few dozen pages, and writes only where something differs.
struct LiveObjects: Sendable {
    /// Namespaces labelled as Berth's, by name.
    var namespaces: [String: KubeObject] = [:]
    /// Berth-labelled objects by `LiveObjects.key`.
    private(set) var objects: [String: KubeObject] = [:]
    /// The same objects by namespace, then kind key (`group/Kind`): pruning one space must not scan every object
    /// of the cluster (with thousands of spaces that is quadratic).
    private var byNamespace: [String: [String: [KubeObject]]] = [:]
    /// The kinds these lists covered: an object of another kind was not looked for (absent ≠ missing).
    var coveredKinds: Set<String> = []

    static func key(kind: String, apiVersion: String, namespace: String, name: String) -> String {
        "\(KubeObject.group(ofAPIVersion: apiVersion))/\(kind)/\(namespace)/\(name)"
    }

    static func key(_ object: KubeObject) -> String {
        key(kind: object.kind, apiVersion: object.apiVersion, namespace: object.namespace ?? "", name: object.name)
    }

    /// Objects in `namespace` of one kind (for pruning).
    func objects(kind: String, apiVersion: String, namespace: String) -> [KubeObject] {
        byNamespace[namespace]?[Self.kindKey(kind: kind, apiVersion: apiVersion)] ?? []
    }

    mutating func insert(_ object: KubeObject) {
        objects[Self.key(object)] = object
        byNamespace[object.namespace ?? "", default: [:]][Self.kindKey(kind: object.kind, apiVersion: object.apiVersion), default: []]
            .append(object)
    }

    private static func kindKey(kind: String, apiVersion: String) -> String {
        "\(KubeObject.group(ofAPIVersion: apiVersion))/\(kind)"
    }

    /// Reads the namespaces and the objects of `resources` that Berth manages; `namespace` narrows the object
    /// lists to one space (nil: the whole cluster).
    static func read(
        client: KubeClient, resources: [KubeResource], namespace: String? = nil
    ) async throws -> LiveObjects {
        var live = LiveObjects()
        let managed = LabelSelector(matching: [ManifestPolicy.managedByLabel: ManifestPolicy.managedByValue])
        var selector = managed
        if let namespace {
            selector = LabelSelector(matching: [
                ManifestPolicy.managedByLabel: ManifestPolicy.managedByValue, ManifestPolicy.spaceLabel: namespace,
            ])
        }
        for item in try await client.listAll(.namespaces, selector: selector).items {
            live.namespaces[item.name] = item
        }
        if let namespace, live.namespaces[namespace] == nil {
            // Berth has no namespace of that name: nothing of Berth's can be inside it, no need to list.
            live.coveredKinds = Set(resources.map { "\($0.apiVersion)/\($0.kind)" })
            return live
        }
        for resource in resources {
            for item in try await list(resource, client: client, namespace: namespace, selector: managed) {
                live.insert(item)
            }
            live.coveredKinds.insert("\(resource.apiVersion)/\(resource.kind)")
        }
        return live
    }

    /// Every object of `resource` the selector matches, each with its kind and apiVersion (lists carry them on
    /// the list, not always on each item).
    static func list(
        _ resource: KubeResource, client: KubeClient, namespace: String?, selector: LabelSelector
    ) async throws -> [KubeObject] {
        try await client.listAll(resource, namespace: namespace, selector: selector).items.map { item in
            var item = item
            if item.kind.isEmpty { item.json["kind"] = .string(resource.kind) }
            if item.apiVersion.isEmpty { item.json["apiVersion"] = .string(resource.apiVersion) }
            return item
        }
    }
}
