import BerthKube
import Foundation

/// A `meta.k8s.io/v1 Status` error answer, as the API server writes it.
struct FakeKubernetesStatus: Error {
    var code: Int
    var reason: String
    var message: String
    var causes: [JSONValue] = []
    var details: JSONValue? = nil

    var json: JSONValue {
        var json: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": .string(message),
            "reason": .string(reason), "code": .int(Int64(code)),
        ]
        var details = self.details ?? [:]
        if !causes.isEmpty { details["causes"] = .array(causes) }
        if details != [:] { json["details"] = details }
        return json
    }

    static func notFound(_ resource: String, _ name: String) -> FakeKubernetesStatus {
        FakeKubernetesStatus(code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found",
            details: ["name": .string(name), "kind": .string(resource)])
    }
    static func alreadyExists(_ resource: String, _ name: String) -> FakeKubernetesStatus {
        FakeKubernetesStatus(code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists",
            details: ["name": .string(name), "kind": .string(resource)])
    }
    static func staleUpdate(_ resource: String, _ name: String) -> FakeKubernetesStatus {
        FakeKubernetesStatus(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(resource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again")
    }
    static func invalid(_ kind: String, _ name: String, field: String, _ problem: String) -> FakeKubernetesStatus {
        FakeKubernetesStatus(
            code: 422, reason: "Invalid", message: "\(kind) \"\(name)\" is invalid: \(field): \(problem)",
            causes: [["reason": "FieldValueInvalid", "message": .string(problem), "field": .string(field)]],
            details: ["name": .string(name), "kind": .string(kind)])
    }
    static func badRequest(_ message: String) -> FakeKubernetesStatus {
        FakeKubernetesStatus(code: 400, reason: "BadRequest", message: message)
    }
    static func forbidden(_ resource: String, _ name: String, namespace: String) -> FakeKubernetesStatus {
        FakeKubernetesStatus(
            code: 403, reason: "Forbidden",
            message: "\(resource) \"\(name)\" is forbidden: User \"berth\" cannot access \(resource) in the namespace \"\(namespace)\"")
    }
    /// What kube-apiserver answers when no authenticator accepts the request's credentials.
    static let unauthorized = FakeKubernetesStatus(code: 401, reason: "Unauthorized", message: "Unauthorized")
    static func gone(_ message: String) -> FakeKubernetesStatus {
        FakeKubernetesStatus(code: 410, reason: "Expired", message: message)
    }
}
