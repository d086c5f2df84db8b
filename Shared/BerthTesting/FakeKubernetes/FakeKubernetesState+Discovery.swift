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
        case 2 where segments == ["openapi", "v3"]:
            return openAPIRoot()
        case 4 where segments[0] == "openapi" && segments[1] == "v3" && segments[2] == "api":
            return openAPIDocument(group: "", version: segments[3])
        case 5 where segments[0] == "openapi" && segments[1] == "v3" && segments[2] == "apis":
            return openAPIDocument(group: segments[3], version: segments[4])
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

    /// `/openapi/v3`: one entry per served group/version. kubectl reads it to learn that the server validates
    /// fields itself (the `fieldValidation` PATCH parameter), and then does no client-side schema validation.
    private func openAPIRoot() -> FakeHTTPResponse {
        var paths: [String: JSONValue] = [:]
        for resource in resources {
            let path = resource.group.isEmpty ? "api/\(resource.version)" : "apis/\(resource.group)/\(resource.version)"
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=fake")]
        }
        return .json(["paths": .object(paths)])
    }

    /// A minimal OpenAPI v3 document per group/version: a PATCH operation per kind, tagged with its
    /// group-version-kind and declaring `fieldValidation`; no schemas (the fake validates only names).
    private func openAPIDocument(group: String, version: String) -> FakeHTTPResponse {
        let served = resources.filter { $0.group == group && $0.version == version }
        guard !served.isEmpty else {
            return .status(FakeKubernetesStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
        }
        var paths: [String: JSONValue] = [:]
        for resource in served {
            let path = resource.namespaced
                ? "\(resource.groupVersionPath)/namespaces/{namespace}/\(resource.name)/{name}"
                : "\(resource.groupVersionPath)/\(resource.name)/{name}"
            paths[path] = [
                "patch": [
                    "x-kubernetes-group-version-kind": ["group": .string(group), "version": .string(version), "kind": .string(resource.kind)],
                    "parameters": [
                        ["name": "fieldValidation", "in": "query", "schema": ["type": "string"]],
                        ["name": "fieldManager", "in": "query", "schema": ["type": "string"]],
                        ["name": "force", "in": "query", "schema": ["type": "boolean"]],
                    ],
                    "responses": ["200": ["description": "OK"]],
                ]
            ]
        }
        return .json([
            "openapi": "3.0.0", "info": ["title": "Kubernetes (Berth fake)", "version": "v1.32.0"], "paths": .object(paths),
            "components": ["schemas": [:]],
        ])
    }
}
