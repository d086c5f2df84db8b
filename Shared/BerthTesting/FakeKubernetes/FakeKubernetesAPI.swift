import BerthKube
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// A Kubernetes API server for tests, on 127.0.0.1 (a free port), plain HTTP. It follows the documented API
/// semantics closely enough that the real `kubectl` can get, apply --server-side and delete against it (the
/// tests check that), and it can be told to fail. See README.md in this folder for what is simplified.
///
/// Run it around a test body: `try await FakeKubernetesAPI.withRunning { fake in … }`.
public final class FakeKubernetesAPI: Sendable {
    public struct Options: Sendable {
        /// Kinds served besides `KubeResource.builtIn` (the "generic path": any namespaced kind listed here).
        public var extraResources: [KubeResource]
        /// Watch events kept; a watch from before them answers 410 Gone.
        public var historyLimit: Int
        public var now: @Sendable () -> Date
        /// When set, every request's bearer token (nil: no `Authorization: Bearer` header) must make this return
        /// true, else the answer is 401 Unauthorized, as kube-apiserver answers an unauthenticated request. Nil
        /// (the default): any token, or none, is accepted.
        public var authenticate: (@Sendable (_ bearerToken: String?) async -> Bool)?
        /// Serve https with this PEM certificate and key instead of plain http. kubectl runs an exec credential
        /// plugin (`berth token`) only for https servers: over http it sends no credentials at all.
        public var tls: (certFile: String, keyFile: String)?

        public init(
            extraResources: [KubeResource] = FakeKubernetesAPI.defaultExtraResources, historyLimit: Int = 10_000,
            now: @escaping @Sendable () -> Date = Date.init,
            authenticate: (@Sendable (_ bearerToken: String?) async -> Bool)? = nil,
            tls: (certFile: String, keyFile: String)? = nil
        ) {
            self.extraResources = extraResources
            self.historyLimit = historyLimit
            self.now = now
            self.authenticate = authenticate
            self.tls = tls
        }
    }

    public static let defaultExtraResources: [KubeResource] = [
        KubeResource(group: "", version: "v1", name: "secrets", kind: "Secret", namespaced: true),
        KubeResource(group: "", version: "v1", name: "services", kind: "Service", namespaced: true),
        KubeResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true),
        KubeResource(group: "rbac.authorization.k8s.io", version: "v1", name: "roles", kind: "Role", namespaced: true),
    ]

    public let port: Int
    /// `https` with `Options.tls`, else `http`.
    public let scheme: String
    let state: FakeKubernetesState

    init(port: Int, scheme: String = "http", state: FakeKubernetesState) {
        self.port = port
        self.scheme = scheme
        self.state = state
    }

    public var serverURL: URL { URL(string: "\(scheme)://127.0.0.1:\(port)") ?? URL(filePath: "/") }

    /// A connection for `KubeClient` (the fake accepts any bearer token).
    public var connection: KubeConnection { KubeConnection(server: serverURL, credentials: .bearerToken("fake-token")) }

    /// Runs the server for the duration of `body`, then stops it.
    public static func withRunning<T: Sendable>(
        options: Options = Options(), _ body: @Sendable (FakeKubernetesAPI) async throws -> T
    ) async throws -> T {
        let state = FakeKubernetesState(
            resources: KubeResource.builtIn + options.extraResources, historyLimit: options.historyLimit, now: options.now)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "berth.fake-kubernetes")
        logger.logLevel = .warning
        let app = Application(
            responder: FakeKubernetesResponder(state: state, authenticate: options.authenticate),
            server: try options.tls.map { try .tls(.http1(), tlsConfiguration: Self.tlsConfiguration($0)) } ?? .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        // Stopped by graceful shutdown (not cancellation, which HummingbirdCore logs as an error).
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await services.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                group.cancelAll()
                throw TestFixtureError("the fake Kubernetes API server did not start: is 127.0.0.1 available?")
            }
            await state.setServerAddress("127.0.0.1:\(port)")
            let fake = FakeKubernetesAPI(port: port, scheme: options.tls == nil ? "http" : "https", state: state)
            do {
                let result = try await body(fake)
                await state.closeWatches()
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await state.closeWatches()
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    static func tlsConfiguration(_ files: (certFile: String, keyFile: String)) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(files.certFile)
        let key = try NIOSSLPrivateKey(file: files.keyFile, format: .pem)
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    // MARK: Control

    /// The next `failure.count` requests matching it fail with its status.
    public func inject(_ failure: FakeKubernetesFailure) async { await state.inject(failure) }
    /// The next `count` requests matching `method`/`pathContains` are held for `delay` before being answered.
    public func stall(method: String? = nil, pathContains: String = "", count: Int = 1, for delay: Duration) async {
        await state.stall(FakeKubernetesFailure(method: method, pathContains: pathContains, status: 0, count: count), delay: delay)
    }
    /// Every request touching these namespaces answers 403 Forbidden.
    public func setForbiddenNamespaces(_ namespaces: Set<String>) async { await state.setForbidden(namespaces) }
    public func setNamespaceFinalization(_ mode: FakeNamespaceFinalization) async { await state.setFinalization(mode) }
    /// Runs the namespace controller once: terminating namespaces lose their contents and disappear.
    public func finalizeNamespaces() async { await state.finalizeNamespaces() }
    /// Drops the watch history: watches from an older resourceVersion get 410 Gone.
    public func compactHistory() async { await state.compactHistory() }
    public func sendBookmarks() async { await state.sendBookmarks() }
    /// Ends every open watch (clients see the stream end and must re-watch).
    public func closeWatches() async { await state.closeWatches() }
    /// Serves another kind (e.g. a CRD's) from now on.
    public func register(_ resource: KubeResource) async { await state.register(resource) }
    /// Empties the store, failures, forbidden set and request log.
    public func reset() async { await state.reset() }

    /// Every request answered so far, in order.
    public func requests() async -> [FakeKubernetesRequestRecord] { await state.allRecords() }
    /// How many requests matched `method` (nil = any) and had a path containing `pathContains`.
    public func requestCount(method: String? = nil, pathContains: String = "") async -> Int {
        await state.allRecords().filter {
            (method == nil || $0.method == method) && (pathContains.isEmpty || $0.path.contains(pathContains))
        }.count
    }
    public func clearRequests() async { await state.clearRecords() }

    /// A kubeconfig for `kubectl` pointing at this server (context `fake`, namespace `default`).
    public func kubeconfigYAML(token: String = "fake-token") -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: \(serverURL.absoluteString)
        users:
        - name: fake
          user:
            token: \(token)
        contexts:
        - name: fake
          context:
            cluster: fake
            user: fake
            namespace: default
        current-context: fake

        """
    }
}
