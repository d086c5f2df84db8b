/// The parts of kube-apiserver's `audit.k8s.io/v1` `EventList` that Berth keeps (Metadata level). Request and
/// response bodies, which a Request or RequestResponse policy level adds, are never decoded or stored.
struct KubernetesAuditEventList: Decodable, Sendable {
    static let apiVersion = "audit.k8s.io/v1"
    static let kind = "EventList"

    var apiVersion: String?
    var kind: String?
    var items: [Item]?

    struct Item: Decodable, Sendable {
        var level: String?
        var auditID: String?
        var stage: String?
        var requestURI: String?
        var verb: String?
        var user: User?
        var impersonatedUser: User?
        var sourceIPs: [String]?
        var userAgent: String?
        var objectRef: ObjectReference?
        var responseStatus: ResponseStatus?
        var requestReceivedTimestamp: String?
        var stageTimestamp: String?
        var annotations: [String: String]?
    }

    struct User: Decodable, Sendable {
        var username: String?
        var uid: String?
        var groups: [String]?
    }

    struct ObjectReference: Decodable, Sendable {
        var resource: String?
        var namespace: String?
        var name: String?
        var apiGroup: String?
        var apiVersion: String?
        var subresource: String?
    }

    struct ResponseStatus: Decodable, Sendable {
        var code: Int?
        var status: String?
        var reason: String?
        var message: String?
    }
}
