import Foundation
import Synchronization

/// Maps apiVersion + kind to a `KubeResource`: the built-in table first, then the group/version's discovery
/// document (`/api/v1` or `/apis/<group>/<version>`), fetched once per group/version and cached.
public final class RESTMapper: Sendable {
    private let discovered = Mutex<[String: [KubeResource]]>([:])

    public init() {}

    /// The resource for `kind` in `apiVersion`, or nil when only discovery can tell.
    public func builtIn(apiVersion: String, kind: String) -> KubeResource? {
        KubeResource.builtIn.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    func cached(apiVersion: String) -> [KubeResource]? { discovered.withLock { $0[apiVersion] } }

    func remember(apiVersion: String, resources: [KubeResource]) {
        discovered.withLock { $0[apiVersion] = resources }
    }

    /// Parses an APIResourceList: top-level resources only (subresources like `deployments/scale` are skipped).
    static func resources(fromDiscovery json: JSONValue, apiVersion: String) -> [KubeResource] {
        let parts = apiVersion.split(separator: "/").map(String.init)
        let group = parts.count == 2 ? parts[0] : ""
        let version = parts.last ?? apiVersion
        return (json["resources"]?.arrayValue ?? []).compactMap { entry in
            guard let name = entry["name"]?.stringValue, !name.contains("/"), let kind = entry["kind"]?.stringValue
            else { return nil }
            return KubeResource(
                group: group, version: version, name: name, kind: kind, namespaced: entry["namespaced"]?.boolValue ?? false)
        }
    }
}
