import BerthKube
import Foundation

/// Routing: discovery documents, then `/api/v1/...` and `/apis/<group>/<version>/...` resource paths.
extension FakeKubernetesState {
    /// Where a resource path points.
    struct Target {
        var resource: KubeResource
        var namespace: String?
        var name: String?
        var key: Key? { name.map { Key(resource: resource.description, namespace: namespace ?? "", name: $0) } }
    }

    func handle(_ request: FakeHTTPRequest) -> FakeHTTPResponse {
        if namespaceFinalization == .onNextRequest && !terminatingNamespaces.isEmpty { finalizeNamespaces() }
        let response = route(request)
        records.append(
            FakeKubernetesRequestRecord(
                method: request.method, path: request.path, query: request.rawQuery, status: response.statusCode))
        return response
    }

    private func route(_ request: FakeHTTPRequest) -> FakeHTTPResponse {
        if let index = failures.firstIndex(where: { $0.matches(method: request.method, path: request.path) }) {
            let failure = failures[index]
            failures[index].count -= 1
            if failures[index].count <= 0 { failures.remove(at: index) }
            return .status(failure.statusBody, retryAfter: failure.retryAfterSeconds)
        }
        let segments = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        if let discovery = discovery(segments) { return discovery }
        let target: Target
        switch resolve(segments) {
        case .success(let resolved): target = resolved
        case .failure(let status): return .status(status)
        }
        let namespace = target.resource == .namespaces ? target.name : target.namespace
        if let namespace, forbiddenNamespaces.contains(namespace) {
            return .status(.forbidden(target.resource.name, target.name ?? "", namespace: namespace))
        }
        do {
            switch (request.method, target.name) {
            case ("GET", nil) where request.query["watch"] == "true" || request.query["watch"] == "1":
                return try watch(target, request)
            case ("GET", nil): return try list(target, request)
            case ("GET", _?) where request.accept.contains("as=Table"):
                return .json(table(target.resource, [try get(target)], continueToken: nil))
            case ("GET", _?): return .json(try get(target))
            case ("POST", nil): return .json(try create(target, request), status: 201)
            case ("PUT", _?): return .json(try replace(target, request))
            case ("PATCH", _?): return try patch(target, request)
            case ("DELETE", _?): return try delete(target, request)
            default:
                return .status(
                    FakeKubernetesStatus(code: 405, reason: "MethodNotAllowed", message: "\(request.method) is not supported on \(request.path)"))
            }
        } catch let status as FakeKubernetesStatus {
            return .status(status)
        } catch {
            return .status(FakeKubernetesStatus(code: 500, reason: "InternalError", message: "\(error)"))
        }
    }

    private func resolve(_ segments: [String]) -> Result<Target, FakeKubernetesStatus> {
        var rest: ArraySlice<String>
        let group: String
        let version: String
        if segments.count >= 3, segments[0] == "api" {
            (group, version, rest) = ("", segments[1], segments.dropFirst(2))
        } else if segments.count >= 4, segments[0] == "apis" {
            (group, version, rest) = (segments[1], segments[2], segments.dropFirst(3))
        } else {
            return .failure(FakeKubernetesStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
        }
        var namespace: String?
        // /namespaces/<ns>/<resource>[/<name>] — but /api/v1/namespaces[/<name>] is the namespace itself.
        if rest.first == "namespaces", rest.count >= 3 {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        let resourceName = rest[rest.startIndex]
        guard let resource = servedResource(group: group, version: version, name: resourceName) else {
            return .failure(FakeKubernetesStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
        }
        if rest.count > 2 {
            return .failure(FakeKubernetesStatus(code: 404, reason: "NotFound", message: "subresource \(rest.dropFirst(2).joined(separator: "/")) is not served by the fake"))
        }
        if !resource.namespaced && namespace != nil {
            return .failure(FakeKubernetesStatus(code: 404, reason: "NotFound", message: "\(resource.name) is not namespaced"))
        }
        return .success(Target(resource: resource, namespace: namespace, name: rest.count == 2 ? rest.last : nil))
    }
}
