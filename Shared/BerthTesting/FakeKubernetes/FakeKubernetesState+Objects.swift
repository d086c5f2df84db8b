import BerthKube
import Foundation
import Yams

/// The verbs on objects: get, list (selectors, limit/continue), create, replace, patch (apply and merge), delete.
extension FakeKubernetesState {
    func get(_ target: Target) throws -> JSONValue {
        guard let key = target.key, let object = objects[key] else {
            throw FakeKubernetesStatus.notFound(target.resource.description, target.name ?? "")
        }
        return object
    }

    func list(_ target: Target, _ request: FakeHTTPRequest) throws -> FakeHTTPResponse {
        var keys = try matchingKeys(target, request).sorted()
        if let token = request.query["continue"], !token.isEmpty {
            guard let data = Data(base64Encoded: token), let last = String(data: data, encoding: .utf8) else {
                throw FakeKubernetesStatus.badRequest("continue token is not valid")
            }
            keys = keys.filter { "\($0.namespace)/\($0.name)" > last }
        }
        var continueToken: String?
        if let limit = request.query["limit"].flatMap(Int.init), limit > 0, keys.count > limit {
            keys = Array(keys.prefix(limit))
            if let last = keys.last { continueToken = Data("\(last.namespace)/\(last.name)".utf8).base64EncodedString() }
        }
        let items = keys.compactMap { objects[$0] }
        if request.accept.contains("as=Table") { return .json(table(target.resource, items, continueToken: continueToken)) }
        var metadata: JSONValue = ["resourceVersion": .string(String(resourceVersion))]
        if let continueToken { metadata["continue"] = .string(continueToken) }
        return .json([
            "kind": .string(target.resource.kind + "List"), "apiVersion": .string(target.resource.apiVersion),
            "metadata": metadata, "items": .array(items),
        ])
    }

    func matchingKeys(_ target: Target, _ request: FakeHTTPRequest) throws -> [Key] {
        let selector = try labelSelector(request)
        let fieldName = try fieldSelectorName(request)
        return objects.compactMap { key, object in
            guard key.resource == target.resource.description,
                target.namespace == nil || key.namespace == target.namespace,
                fieldName == nil || key.name == fieldName,
                selector?.matches(object[path: ["metadata", "labels"]]?.stringMap ?? [:]) ?? true
            else { return nil }
            return key
        }
    }

    func labelSelector(_ request: FakeHTTPRequest) throws -> LabelSelector? {
        guard let text = request.query["labelSelector"], !text.isEmpty else { return nil }
        guard let selector = LabelSelector(parsing: text) else {
            throw FakeKubernetesStatus.badRequest("unable to parse requirement: \(text)")
        }
        return selector
    }

    /// Only `metadata.name=<name>` (what kubectl's wait and single-object watches send).
    func fieldSelectorName(_ request: FakeHTTPRequest) throws -> String? {
        guard let text = request.query["fieldSelector"], !text.isEmpty else { return nil }
        guard text.hasPrefix("metadata.name=") else {
            throw FakeKubernetesStatus.badRequest("field selector \(text) is not supported by the fake (only metadata.name=)")
        }
        return String(text.dropFirst("metadata.name=".count))
    }

    // MARK: Writes

    func decodeBody(_ request: FakeHTTPRequest) throws -> JSONValue {
        if request.contentType.contains("protobuf") {
            throw FakeKubernetesStatus(
                code: 415, reason: "UnsupportedMediaType",
                message: "the fake API server speaks JSON and YAML only, not \(request.contentType)")
        }
        if request.contentType.contains("yaml") {
            let text = String(decoding: request.body, as: UTF8.self)
            guard let loaded = try? Yams.load(yaml: text), let value = JSONValue(any: loaded) else {
                throw FakeKubernetesStatus.badRequest("the body is not valid YAML")
            }
            return value
        }
        do {
            return try JSONValue.decode(request.body)
        } catch {
            throw FakeKubernetesStatus.badRequest("the body is not valid JSON")
        }
    }

    /// Checks an incoming object against the path: kind, apiVersion, name, namespace; and that its namespace
    /// exists and is not terminating.
    func validate(_ object: inout JSONValue, _ target: Target) throws -> Key {
        let resource = target.resource
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if let kind = object["kind"]?.stringValue, kind != resource.kind {
            throw FakeKubernetesStatus.badRequest("the kind \(kind) does not match the resource \(resource)")
        }
        if let pathName = target.name, !name.isEmpty, pathName != name {
            throw FakeKubernetesStatus.badRequest("the name of the object (\(name)) does not match the name on the URL (\(pathName))")
        }
        let finalName = target.name ?? name
        guard Self.isDNSSubdomain(finalName) else {
            throw FakeKubernetesStatus.invalid(
                resource.kind, finalName, field: "metadata.name",
                finalName.isEmpty ? "Required value: name or generateName is required"
                    : "Invalid value: \"\(finalName)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'")
        }
        object[path: ["metadata", "name"]] = .string(finalName)
        object["kind"] = .string(resource.kind)
        object["apiVersion"] = .string(resource.apiVersion)
        if resource.namespaced {
            let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue
            if let bodyNamespace, let namespace = target.namespace, bodyNamespace != namespace {
                throw FakeKubernetesStatus.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request")
            }
            guard let namespace = target.namespace ?? bodyNamespace else {
                throw FakeKubernetesStatus.badRequest("a namespace is required for \(resource)")
            }
            object[path: ["metadata", "namespace"]] = .string(namespace)
            return Key(resource: resource.description, namespace: namespace, name: finalName)
        }
        return Key(resource: resource.description, namespace: "", name: finalName)
    }

    /// Creating in a namespace needs it to exist and not be terminating (NamespaceLifecycle admission).
    func admitNamespace(_ key: Key, kind: String) throws {
        guard !key.namespace.isEmpty else { return }
        let namespaceKey = Key(resource: KubeResource.namespaces.description, namespace: "", name: key.namespace)
        guard let namespace = objects[namespaceKey] else {
            throw FakeKubernetesStatus.notFound("namespaces", key.namespace)
        }
        if namespace[path: ["metadata", "deletionTimestamp"]] != nil {
            throw FakeKubernetesStatus(
                code: 403, reason: "Forbidden",
                message: "\(kind.lowercased()) \"\(key.name)\" is forbidden: unable to create new content in namespace \(key.namespace) because it is being terminated",
                causes: [["reason": "NamespaceTerminating", "message": .string("namespace \(key.namespace) is being terminated"), "field": "metadata.namespace"]])
        }
    }

    static func isDNSSubdomain(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 253
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            && name.first.map { $0.isLetter || $0.isNumber } == true && name.last.map { $0.isLetter || $0.isNumber } == true
    }

    static func manager(_ request: FakeHTTPRequest) -> String {
        if let manager = request.query["fieldManager"], !manager.isEmpty { return manager }
        return String(request.userAgent.split(separator: "/").first ?? "unknown")
    }

    func stamp(_ object: inout JSONValue, key: Key, existing: JSONValue?) {
        let version = nextVersion()
        object[path: ["metadata", "resourceVersion"]] = .string(String(version))
        if let existing {
            for field in ["uid", "creationTimestamp", "deletionTimestamp"] {
                object[path: ["metadata", field]] = existing[path: ["metadata", field]]
            }
            var generation = existing[path: ["metadata", "generation"]]?.intValue ?? 1
            if existing["spec"] != object["spec"] { generation += 1 }
            object[path: ["metadata", "generation"]] = .int(generation)
            if object["status"] == nil { object["status"] = existing["status"] }
        } else {
            object[path: ["metadata", "uid"]] = .string(UUID().uuidString.lowercased())
            object[path: ["metadata", "creationTimestamp"]] = .string(timestamp)
            object[path: ["metadata", "generation"]] = 1
            if key.resource == KubeResource.namespaces.description {
                object[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = .string(key.name)
                object[path: ["spec", "finalizers"]] = ["kubernetes"]
                object["status"] = ["phase": "Active"]
            }
        }
    }

    func create(_ target: Target, _ request: FakeHTTPRequest) throws -> JSONValue {
        var object = try decodeBody(request)
        let key = try validate(&object, target)
        try admitNamespace(key, kind: target.resource.kind)
        if objects[key] != nil { throw FakeKubernetesStatus.alreadyExists(target.resource.description, key.name) }
        var ownership = FakeFieldOwnership(object: nil)
        ownership.recordUpdate(manager: Self.manager(request), old: nil, new: object, apiVersion: target.resource.apiVersion, time: timestamp)
        object[path: ["metadata", "managedFields"]] = ownership.json
        stamp(&object, key: key, existing: nil)
        commit(key, type: "ADDED", object: object)
        return object
    }

    func replace(_ target: Target, _ request: FakeHTTPRequest) throws -> JSONValue {
        var object = try decodeBody(request)
        let key = try validate(&object, target)
        guard let existing = objects[key] else { throw FakeKubernetesStatus.notFound(target.resource.description, key.name) }
        if let version = object[path: ["metadata", "resourceVersion"]]?.stringValue, !version.isEmpty,
            version != existing[path: ["metadata", "resourceVersion"]]?.stringValue
        {
            throw FakeKubernetesStatus.staleUpdate(target.resource.description, key.name)
        }
        return update(key, target: target, existing: existing, new: object, manager: Self.manager(request))
    }

    func update(_ key: Key, target: Target, existing: JSONValue, new: JSONValue, manager: String) -> JSONValue {
        var object = new
        var ownership = FakeFieldOwnership(object: existing)
        ownership.recordUpdate(manager: manager, old: existing, new: object, apiVersion: target.resource.apiVersion, time: timestamp)
        object[path: ["metadata", "managedFields"]] = ownership.json
        if Self.sameContent(existing, object) { return existing }
        stamp(&object, key: key, existing: existing)
        commit(key, type: "MODIFIED", object: object)
        return object
    }

    /// Equal but for resourceVersion (a write that changes nothing is a no-op: no new version, no event).
    static func sameContent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        var a = a
        var b = b
        for field in ["resourceVersion", "generation", "uid", "creationTimestamp"] {
            a[path: ["metadata", field]] = nil
            b[path: ["metadata", field]] = nil
        }
        // managedFields times differ on every write; compare owners and fields only.
        for index in [0, 1] {
            var value = index == 0 ? a : b
            if let entries = value[path: ["metadata", "managedFields"]]?.arrayValue {
                value[path: ["metadata", "managedFields"]] = .array(entries.map { entry in
                    var entry = entry
                    entry["time"] = nil
                    return entry
                })
            }
            if index == 0 { a = value } else { b = value }
        }
        if a["status"] == nil { b["status"] = nil }
        return a == b
    }

    func patch(_ target: Target, _ request: FakeHTTPRequest) throws -> FakeHTTPResponse {
        if request.contentType.hasPrefix("application/apply-patch") { return try apply(target, request) }
        guard request.contentType.hasPrefix("application/merge-patch+json")
            || request.contentType.hasPrefix("application/strategic-merge-patch+json")
        else {
            return .status(
                FakeKubernetesStatus(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/apply-patch+yaml"))
        }
        guard let key = target.key, let existing = objects[key] else {
            throw FakeKubernetesStatus.notFound(target.resource.description, target.name ?? "")
        }
        // Strategic merge is treated as a JSON merge patch (lists replaced whole): a documented simplification.
        let merged = Self.mergePatch(existing, try decodeBody(request))
        return .json(update(key, target: target, existing: existing, new: merged, manager: Self.manager(request)))
    }

    static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let members) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in members {
            if value == .null { result[key] = nil } else { result[key] = mergePatch(result[key] ?? .null, value) }
        }
        return .object(result)
    }

    func apply(_ target: Target, _ request: FakeHTTPRequest) throws -> FakeHTTPResponse {
        guard let manager = request.query["fieldManager"], !manager.isEmpty else {
            throw FakeKubernetesStatus.invalid("PatchOptions", "", field: "fieldManager", "Required value: is required for apply patch")
        }
        var applied = try decodeBody(request)
        let key = try validate(&applied, target)
        let existing = objects[key]
        if existing == nil { try admitNamespace(key, kind: target.resource.kind) }
        var ownership = FakeFieldOwnership(object: existing)
        let force = request.query["force"] == "true"
        switch ownership.apply(
            manager: manager, applied: applied, existing: existing, force: force, apiVersion: target.resource.apiVersion, time: timestamp)
        {
        case .failure(let conflicts):
            let message = conflicts.map { "conflict with \"\($0.manager)\": \($0.path.dotted)" }.joined(separator: "\n- ")
            throw FakeKubernetesStatus(
                code: 409, reason: "Conflict",
                message: "Apply failed with \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s"): \(message)",
                causes: conflicts.map { conflict -> JSONValue in
                    ["reason": "FieldManagerConflict", "message": .string("conflict with \"\(conflict.manager)\""), "field": .string(conflict.path.dotted)]
                })
        case .success(var object):
            object[path: ["metadata", "managedFields"]] = ownership.json
            if let existing {
                if Self.sameContent(existing, object) { return .json(existing) }
                stamp(&object, key: key, existing: existing)
                commit(key, type: "MODIFIED", object: object)
                return .json(object)
            }
            stamp(&object, key: key, existing: nil)
            commit(key, type: "ADDED", object: object)
            return .json(object, status: 201)
        }
    }

    func delete(_ target: Target, _ request: FakeHTTPRequest) throws -> FakeHTTPResponse {
        guard let key = target.key, var object = objects[key] else {
            throw FakeKubernetesStatus.notFound(target.resource.description, target.name ?? "")
        }
        if target.resource == .namespaces {
            if object[path: ["metadata", "deletionTimestamp"]] == nil {
                object[path: ["metadata", "deletionTimestamp"]] = .string(timestamp)
                object[path: ["status", "phase"]] = "Terminating"
                object[path: ["metadata", "resourceVersion"]] = .string(String(nextVersion()))
                commit(key, type: "MODIFIED", object: object)
                terminatingNamespaces.insert(key.name)
            }
            return .json(object)
        }
        object[path: ["metadata", "resourceVersion"]] = .string(String(nextVersion()))
        commit(key, type: "DELETED", object: object)
        return .json([
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
            "details": JSONValue.object(["name": .string(key.name), "kind": .string(target.resource.name), "uid": object[path: ["metadata", "uid"]] ?? .null]),
        ])
    }

    /// A `meta.k8s.io/v1 Table` (what `kubectl get` asks for): NAME, plus STATUS for namespaces, and AGE.
    func table(_ resource: KubeResource, _ items: [JSONValue], continueToken: String?) -> JSONValue {
        let isNamespace = resource == .namespaces
        var columns: [JSONValue] = [["name": "Name", "type": "string", "format": "name", "priority": 0, "description": "Name"]]
        if isNamespace { columns.append(["name": "Status", "type": "string", "format": "", "priority": 0, "description": "Phase"]) }
        columns.append(["name": "Age", "type": "string", "format": "", "priority": 0, "description": "Age"])
        let rows: [JSONValue] = items.map { item in
            var cells: [JSONValue] = [item[path: ["metadata", "name"]] ?? ""]
            if isNamespace { cells.append(item[path: ["status", "phase"]] ?? "") }
            cells.append("<fake>")
            var partial: JSONValue = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1"]
            partial["metadata"] = item["metadata"]
            return ["cells": .array(cells), "object": partial]
        }
        var metadata: JSONValue = ["resourceVersion": .string(String(resourceVersion))]
        if let continueToken { metadata["continue"] = .string(continueToken) }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": metadata, "columnDefinitions": .array(columns), "rows": .array(rows)]
    }
}
