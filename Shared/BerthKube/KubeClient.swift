import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The Kubernetes REST client: get, list (selectors, pagination), watch, create, delete and server-side apply,
/// against one API server. Objects are `KubeObject` JSON trees; paths come from `KubeResource`/`RESTMapper`.
/// Every request has a deadline (`Options.requestTimeout`); idempotent calls are retried per `Options.retry`.
/// Call `shutdown()` when done (AsyncHTTPClient owns connections).
public final class KubeClient: Sendable {
    public struct Options: Sendable {
        public var requestTimeout: Duration
        public var retry: RetryPolicy
        /// The field manager for server-side apply.
        public var fieldManager: String
        public var userAgent: String

        public init(
            requestTimeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(), fieldManager: String = "berth",
            userAgent: String = "berth"
        ) {
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.fieldManager = fieldManager
            self.userAgent = userAgent
        }
    }

    public enum PropagationPolicy: String, Sendable {
        case foreground = "Foreground", background = "Background", orphan = "Orphan"
    }

    public let connection: KubeConnection
    public let options: Options
    public let mapper = RESTMapper()
    let http: HTTPClient
    let tokenFile: TokenFileCache?
    let clock: any Clock<Duration>
    let logger: Logger

    public init(
        connection: KubeConnection, options: Options = Options(), clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "berth.kube")
    ) throws {
        self.connection = connection
        self.options = options
        self.clock = clock
        self.logger = logger
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try connection.tlsConfiguration(), timeout: .init(connect: .seconds(10)))
        configuration.redirectConfiguration = .disallow
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        if case .tokenFile(let path) = connection.credentials {
            tokenFile = TokenFileCache(path: path)
        } else {
            tokenFile = nil
        }
    }

    public func shutdown() async throws { try await http.shutdown() }

    // MARK: Resources

    /// The resource for `apiVersion`/`kind`: built in, else from the group/version's discovery document.
    public func resource(apiVersion: String, kind: String) async throws -> KubeResource {
        if let known = mapper.builtIn(apiVersion: apiVersion, kind: kind) { return known }
        var resources = mapper.cached(apiVersion: apiVersion)
        if resources?.contains(where: { $0.kind == kind }) != true {
            let path = apiVersion.contains("/") ? "/apis/\(apiVersion)" : "/api/\(apiVersion)"
            let response = try await send(KubeRequest(method: .GET, path: path, idempotent: true, what: "discover \(apiVersion)"))
            let fresh = RESTMapper.resources(fromDiscovery: try JSONValue.decode(response.body), apiVersion: apiVersion)
            mapper.remember(apiVersion: apiVersion, resources: fresh)
            resources = fresh
        }
        guard let resource = resources?.first(where: { $0.kind == kind }) else {
            throw KubeError(
                .unknownKind, "kind \(kind) is not served in \(apiVersion): check the apiVersion or install its CRD")
        }
        return resource
    }

    public func resource(for object: KubeObject) async throws -> KubeResource {
        try await resource(apiVersion: object.apiVersion, kind: object.kind)
    }

    // MARK: Reads

    public func get(_ resource: KubeResource, namespace: String? = nil, name: String) async throws -> KubeObject {
        let response = try await send(
            KubeRequest(
                method: .GET, path: resource.path(namespace: namespace, name: name), idempotent: true,
                what: "get \(resource) \(Self.display(namespace, name))"))
        return try KubeObject(jsonData: response.body)
    }

    /// One page of objects. Pass the returned `continueToken` back to read the next page.
    public func list(
        _ resource: KubeResource, namespace: String? = nil, selector: LabelSelector? = nil, limit: Int? = nil,
        continueToken: String? = nil
    ) async throws -> KubeObjectList {
        var query: [(String, String)] = []
        if let selector, !selector.requirements.isEmpty { query.append(("labelSelector", selector.description)) }
        if let limit { query.append(("limit", String(limit))) }
        if let continueToken { query.append(("continue", continueToken)) }
        let response = try await send(
            KubeRequest(
                method: .GET, path: resource.path(namespace: namespace), query: query, idempotent: true,
                what: "list \(resource)\(namespace.map { " in \($0)" } ?? "")"))
        let json = try JSONValue.decode(response.body)
        let token = json[path: ["metadata", "continue"]]?.stringValue
        return KubeObjectList(
            items: (json["items"]?.arrayValue ?? []).map(KubeObject.init(json:)),
            resourceVersion: json[path: ["metadata", "resourceVersion"]]?.stringValue ?? "",
            continueToken: token?.isEmpty == false ? token : nil)
    }

    /// Every object, following `continue` tokens page by page (`pageSize` each). The resourceVersion returned is
    /// the first page's: start a watch there.
    public func listAll(
        _ resource: KubeResource, namespace: String? = nil, selector: LabelSelector? = nil, pageSize: Int = 500
    ) async throws -> KubeObjectList {
        var page = try await list(resource, namespace: namespace, selector: selector, limit: pageSize)
        var all = page
        while let token = page.continueToken {
            page = try await list(resource, namespace: namespace, selector: selector, limit: pageSize, continueToken: token)
            all.items += page.items
        }
        all.continueToken = nil
        return all
    }

    // MARK: Writes

    /// POST: 409 AlreadyExists when the name is taken. Retried only after 429 (the server did nothing).
    public func create(_ object: KubeObject, resource: KubeResource? = nil) async throws -> KubeObject {
        let resource = try await resourceOrLookup(resource, object)
        let response = try await send(
            KubeRequest(
                method: .POST, path: resource.path(namespace: object.namespace), body: try object.jsonData(),
                contentType: "application/json", idempotent: false,
                what: "create \(resource) \(Self.display(object.namespace, object.name))"))
        return try KubeObject(jsonData: response.body)
    }

    /// PUT: 409 Conflict when `object`'s resourceVersion is stale.
    public func replace(_ object: KubeObject, resource: KubeResource? = nil) async throws -> KubeObject {
        let resource = try await resourceOrLookup(resource, object)
        let response = try await send(
            KubeRequest(
                method: .PUT, path: resource.path(namespace: object.namespace, name: object.name),
                body: try object.jsonData(), contentType: "application/json", idempotent: false,
                what: "replace \(resource) \(Self.display(object.namespace, object.name))"))
        return try KubeObject(jsonData: response.body)
    }

    /// Server-side apply (PATCH `application/apply-patch+yaml`, `fieldManager`): creates or updates, owning the
    /// fields `object` sets. A field another manager owns is a 409 conflict unless `force` (take it over).
    public func apply(_ object: KubeObject, resource: KubeResource? = nil, force: Bool = false) async throws -> KubeObject {
        let resource = try await resourceOrLookup(resource, object)
        var query = [("fieldManager", options.fieldManager)]
        if force { query.append(("force", "true")) }
        let response = try await send(
            KubeRequest(
                method: .PATCH, path: resource.path(namespace: object.namespace, name: object.name), query: query,
                // JSON is YAML: the API server accepts it under the apply-patch+yaml content type.
                body: try object.jsonData(), contentType: "application/apply-patch+yaml", idempotent: true,
                what: "apply \(resource) \(Self.display(object.namespace, object.name))"))
        return try KubeObject(jsonData: response.body)
    }

    /// DELETE. A namespace answers with itself in Terminating; other kinds may answer with a Status.
    public func delete(
        _ resource: KubeResource, namespace: String? = nil, name: String, propagationPolicy: PropagationPolicy? = nil
    ) async throws {
        var query: [(String, String)] = []
        if let propagationPolicy { query.append(("propagationPolicy", propagationPolicy.rawValue)) }
        _ = try await send(
            KubeRequest(
                method: .DELETE, path: resource.path(namespace: namespace, name: name), query: query, idempotent: true,
                what: "delete \(resource) \(Self.display(namespace, name))"))
    }

    private func resourceOrLookup(_ resource: KubeResource?, _ object: KubeObject) async throws -> KubeResource {
        if let resource { return resource }
        return try await self.resource(for: object)
    }

    static func display(_ namespace: String?, _ name: String) -> String {
        namespace.map { "\($0)/\(name)" } ?? name
    }
}
