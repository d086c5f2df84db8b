import BerthAuditClient
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation
import Logging

/// Builds the gateway: the HTTP listener as a companion of its RPC socket.
public enum GatewayService {
    public static func build(config: BerthConfig, logger: Logger, options: GatewayOptions = GatewayOptions()) throws
        -> ServiceHost
    {
        let listen = try GatewayListenAddress(config.gateway.listen)
        // One recorder for the gateway: its own start/stop and the Kubernetes audit webhook's events.
        let recorder = ServiceHost.makeAuditRecorder(for: .gateway, config: config, logger: logger)
        let http = try httpServer(config: config, logger: logger, options: options, recorder: recorder)
        var router = RPCRouter()
        router.unary(GatewayV1.getListeners) { _, _ in
            GatewayV1.GetListenersResponse(listeners: [GatewayV1.Listener(url: listen.url, tls: listen.isTLS)])
        }
        return ServiceHost(
            name: .gateway, config: config, router: router, companions: [http], audit: .recorder(recorder),
            logger: logger)
    }

    static func httpServer(
        config: BerthConfig, logger: Logger, options: GatewayOptions, recorder: any AuditRecording
    ) throws -> GatewayHTTPServer {
        let listen = try GatewayListenAddress(config.gateway.listen)
        let paths = BerthPaths(config: config)
        let readiness = ServiceReadiness(
            sockets: ServiceName.startOrder.filter { $0 != .gateway }.map { ($0, paths.socketPath(for: $0)) })
        let activity = SleepActivityReporter(socketPath: paths.socketPath(for: .sleep), logger: logger)
        let webhook = KubernetesAuditWebhook(
            token: try KubernetesAuditWebhook.token(fromFile: config.audit.kubernetesWebhookTokenFile),
            recorder: recorder, activity: activity, logger: logger)
        let tls = try listen.isTLS
            ? GatewayTLS.serverConfiguration(certFile: config.gateway.tls.certFile, keyFile: config.gateway.tls.keyFile)
            : nil
        // One long-lived client per service (in the API's routes), shared by every part of the gateway.
        let api = try api(config: config, paths: paths, options: options, logger: logger)
        let routes = api.routes
        let oauth = OAuthEndpoints(identity: routes.identity, csrf: OAuthCSRF(secure: listen.isTLS))
        return GatewayHTTPServer(
            address: listen, readiness: readiness, kubernetesAudit: webhook,
            oidc: OIDCEndpoints(identity: routes.identity), oauth: oauth,
            device: DeviceEndpoints(oauth: oauth, publicURL: config.gateway.publicURL),
            upstream: OAuthUpstreamEndpoints(oauth: oauth, publicURL: config.gateway.publicURL),
            // The portal checks its session cookies with the API's verifier: one client to identity, one cache.
            web: WebUI(
                routes: routes, activity: activity, verifier: api.verifier,
                clientID: config.identity.apiAudience, secureCookies: listen.isTLS, publicURL: config.gateway.publicURL,
                logger: logger),
            scim: SCIMEndpoints(identity: routes.identity, publicURL: config.gateway.publicURL),
            api: api,
            serviceMetrics: ServiceMetrics(clients: routes.clients),
            relay: relay(api: api, options: options), tls: tls, logger: logger)
    }

    /// The CLI's relay: the API's service clients, behind the API's token verifier.
    static func relay(api: GatewayAPI, options: GatewayOptions) -> RPCRelayEndpoints {
        RPCRelayEndpoints(
            clients: Dictionary(uniqueKeysWithValues: api.routes.clients.map { ($0.0, $0.1 as any RPCCalling) }),
            verifier: api.verifier, metrics: api.metrics, maxBodyBytes: options.maxBodyBytes,
            maxTimeout: .seconds(600), clock: options.clock)
    }

    /// Every HTTP route the gateway registers, as `METHOD /path/{param}` (Hummingbird's templates are OpenAPI's),
    /// for the test that holds them against `Services/Gateway/openapi.yaml`.
    public static func httpRoutes(config: BerthConfig, logger: Logger) throws -> [String] {
        let recorder = ServiceHost.makeAuditRecorder(for: .gateway, config: config, logger: logger)
        let server = try httpServer(config: config, logger: logger, options: GatewayOptions(), recorder: recorder)
        return server.makeRouter().routes.map { "\($0.method.rawValue) \($0.path)" }
    }

    /// The OpenAPI document as embedded (from `Services/Gateway/openapi.yaml` by `scripts/generate-openapi`).
    public static var openAPIYAML: String { OpenAPIDocument.yaml }

    /// The JSON the gateway serves at `/api/v1/openapi.json` for a YAML document.
    public static func openAPIJSON(yaml: String) throws -> Data {
        Data(try OpenAPIDocument.load(yaml: yaml).json.readableBytesView)
    }

    /// The REST API: one long-lived client per service it calls, and `<stateDir>/gateway.db` for idempotency keys.
    /// Bearer tokens are verified for `identity.apiAudience` (the CLI's client id, `berth-cli`).
    static func api(config: BerthConfig, paths: BerthPaths, options: GatewayOptions, logger: Logger) throws -> GatewayAPI {
        try paths.prepare()
        let store = try IdempotencyStore.open(
            path: paths.stateDirectory + "/gateway.db", logger: logger, ttlSeconds: options.idempotencyTTLSeconds,
            now: options.unixNow)
        return try GatewayAPI(
            tenancy: UnixRPCClient(socketPath: paths.socketPath(for: .tenancy), defaultDeadline: .seconds(10)),
            audit: UnixRPCClient(socketPath: paths.socketPath(for: .audit), defaultDeadline: .seconds(10)),
            sleep: UnixRPCClient(socketPath: paths.socketPath(for: .sleep), defaultDeadline: .seconds(10)),
            identity: UnixRPCClient(socketPath: paths.socketPath(for: .identity), defaultDeadline: .seconds(10)),
            verifier: options.verifier
                ?? IdentityTokenVerifier(
                    identitySocket: paths.socketPath(for: .identity), audience: config.identity.apiAudience,
                    cacheFor: options.tokenCache, now: { Date(timeIntervalSince1970: TimeInterval(options.unixNow())) }),
            idempotency: store, options: options)
    }
}
