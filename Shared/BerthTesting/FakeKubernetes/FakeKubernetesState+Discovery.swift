import BerthKube
import Foundation

/// Legacy discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/<g>/<v>`) and `/version`. Aggregated discovery
/// is not offered: answers are plain `application/json`, and kubectl falls back to the legacy documents.
extension FakeKubernetesState {
    func discovery(_ segments: [String]) -> FakeHTTPResponse? {
        switch segments.count {
        case 1 where segments[0] == "version":
            return .json([
                "major": "1", "minor": "32", "gitVersion": "v1.32.0-berth-fake", "platform": "linux/amd64",
            ])
        case 1 where segments[0] == "api":
            return .json([
                "kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
            ])
        case 1 where segments[0] == "apis":
            var groups: [String: [String]] = [:]
            for resource in resources where !resource.group.isEmpty {
                if groups[resource.group]?.contains(resource.version) != true { groups[resource.group, default: []].append(resource.version) }
            }
            return .json([
                "kind": "APIGroupList", "apiVersion": "v1",
                "groups": .array(
                    groups.keys.sorted().map { group in
                        let versions = groups[group] ?? []
                        let entries = versions.map { JSONValue.object(["groupVersion": .string("\(group)/\($0)"), "version": .string($0)]) }
                        return ["name": .string(group), "versions": .array(entries), "preferredVersion": entries.first ?? [:]]
                    }),
            ])
        case 2 where segments[0] == "api":
            return resourceList(group: "", version: segments[1])
        case 3 where segments[0] == "apis":
            return resourceList(group: segments[1], version: segments[2])
        default:
            return nil
        }
    }

    private func resourceList(group: String, version: String) -> FakeHTTPResponse {
        let served = resources.filter { $0.group == group && $0.version == version }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        guard !served.isEmpty else {
            return .status(FakeKubernetesStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
        }
        return .json([
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
            "resources": .array(
                served.map { resource in
                    [
                        "name": .string(resource.name), "singularName": .string(resource.kind.lowercased()),
                        "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind),
                        "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
                    ]
                }),
        ])
    }
}
