import Foundation

/// A Kubernetes object as a JSON tree with typed accessors for the metadata Berth reads and writes.
/// There is no Swift type per kind: templates carry arbitrary manifests, and the API server is the schema.
public struct KubeObject: Sendable, Hashable {
    public var json: JSONValue

    public init(json: JSONValue) { self.json = json }

    /// A new object of `apiVersion`/`kind`, named `name` in `namespace` (nil for cluster-scoped kinds).
    public init(apiVersion: String, kind: String, name: String, namespace: String? = nil) {
        var json: JSONValue = ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": ["name": .string(name)]]
        if let namespace { json[path: ["metadata", "namespace"]] = .string(namespace) }
        self.json = json
    }

    public var apiVersion: String { json["apiVersion"]?.stringValue ?? "" }
    public var kind: String { json["kind"]?.stringValue ?? "" }
    /// `apps` for `apps/v1`, "" for the core group (`v1`).
    public var group: String { Self.group(ofAPIVersion: apiVersion) }

    /// `apps` for `apps/v1`, "" for the core group (`v1`).
    public static func group(ofAPIVersion apiVersion: String) -> String {
        apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
    }
    public var version: String { apiVersion.split(separator: "/").last.map(String.init) ?? "" }

    public var name: String {
        get { json[path: ["metadata", "name"]]?.stringValue ?? "" }
        set { json[path: ["metadata", "name"]] = .string(newValue) }
    }
    public var namespace: String? {
        get { json[path: ["metadata", "namespace"]]?.stringValue }
        set { json[path: ["metadata", "namespace"]] = newValue.map(JSONValue.string) }
    }
    public var labels: [String: String] {
        get { json[path: ["metadata", "labels"]]?.stringMap ?? [:] }
        set { json[path: ["metadata", "labels"]] = newValue.isEmpty ? nil : JSONValue(newValue) }
    }
    public var annotations: [String: String] {
        get { json[path: ["metadata", "annotations"]]?.stringMap ?? [:] }
        set { json[path: ["metadata", "annotations"]] = newValue.isEmpty ? nil : JSONValue(newValue) }
    }
    public var resourceVersion: String? {
        get { json[path: ["metadata", "resourceVersion"]]?.stringValue }
        set { json[path: ["metadata", "resourceVersion"]] = newValue.map(JSONValue.string) }
    }
    public var uid: String? { json[path: ["metadata", "uid"]]?.stringValue }
    public var deletionTimestamp: String? { json[path: ["metadata", "deletionTimestamp"]]?.stringValue }
    public var finalizers: [String] {
        json[path: ["metadata", "finalizers"]]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
    /// The field managers named in `metadata.managedFields`, in order.
    public var fieldManagers: [String] {
        json[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
    }

    /// A field by path, e.g. `object["spec", "replicas"]`.
    public subscript(path: String...) -> JSONValue? {
        get { json[path: path] }
        set { json[path: path] = newValue }
    }

    public func jsonData() throws -> Data { try json.jsonData() }

    public init(jsonData data: Data) throws {
        self.json = try JSONValue.decode(data)
    }
}

/// One page of a list: the items, the list's resourceVersion (to start a watch from) and the `continue` token.
public struct KubeObjectList: Sendable {
    public var items: [KubeObject]
    public var resourceVersion: String
    /// Non-nil when more items remain: pass it back as `continueToken`.
    public var continueToken: String?

    public init(items: [KubeObject], resourceVersion: String, continueToken: String?) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }
}
