import Foundation

/// A REST resource of the API: where objects of one kind live. `group` is "" for the core group.
public struct KubeResource: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    /// The plural resource name used in paths (`networkpolicies`).
    public var name: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, name: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.name = name
        self.kind = kind
        self.namespaced = namespaced
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var description: String { group.isEmpty ? name : "\(name).\(group)" }

    /// `/api/v1` or `/apis/<group>/<version>`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path (in `namespace` for namespaced kinds) or an object's path when `name` is given.
    public func path(namespace: String?, name objectName: String? = nil) -> String {
        var path = groupVersionPath
        if namespaced, let namespace { path += "/namespaces/\(Self.escape(namespace))" }
        path += "/\(name)"
        if let objectName { path += "/\(Self.escape(objectName))" }
        return path
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? segment
    }

    // MARK: The kinds Berth's templates and sleep use (built in: no discovery round trip).
    public static let namespaces = KubeResource(group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)
    public static let resourceQuotas = KubeResource(
        group: "", version: "v1", name: "resourcequotas", kind: "ResourceQuota", namespaced: true)
    public static let limitRanges = KubeResource(group: "", version: "v1", name: "limitranges", kind: "LimitRange", namespaced: true)
    public static let serviceAccounts = KubeResource(
        group: "", version: "v1", name: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    public static let configMaps = KubeResource(group: "", version: "v1", name: "configmaps", kind: "ConfigMap", namespaced: true)
    public static let roleBindings = KubeResource(
        group: "rbac.authorization.k8s.io", version: "v1", name: "rolebindings", kind: "RoleBinding", namespaced: true)
    public static let networkPolicies = KubeResource(
        group: "networking.k8s.io", version: "v1", name: "networkpolicies", kind: "NetworkPolicy", namespaced: true)
    public static let deployments = KubeResource(group: "apps", version: "v1", name: "deployments", kind: "Deployment", namespaced: true)
    public static let statefulSets = KubeResource(
        group: "apps", version: "v1", name: "statefulsets", kind: "StatefulSet", namespaced: true)
    public static let cronJobs = KubeResource(group: "batch", version: "v1", name: "cronjobs", kind: "CronJob", namespaced: true)
    public static let horizontalPodAutoscalers = KubeResource(
        group: "autoscaling", version: "v2", name: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler",
        namespaced: true)

    public static let builtIn: [KubeResource] = [
        namespaces, resourceQuotas, limitRanges, serviceAccounts, configMaps, roleBindings, networkPolicies, deployments,
        statefulSets, cronJobs, horizontalPodAutoscalers,
    ]
}
