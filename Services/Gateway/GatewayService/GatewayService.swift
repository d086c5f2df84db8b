import BerthAuditClient
import BerthModel
import BerthRPC
import BerthRuntime
import Logging

/// Builds the gateway: the HTTP listener as a companion of its RPC socket.
public enum GatewayService {
    public static func build(config: BerthConfig, logger: Logger) throws -> ServiceHost {
        let listen = try GatewayListenAddress(config.gateway.listen)
        let paths = BerthPaths(config: config)
        let readiness = ServiceReadiness(
            sockets: ServiceName.startOrder.filter { $0 != .gateway }.map { ($0, paths.socketPath(for: $0)) })
        // One recorder for the gateway: its own start/stop and the Kubernetes audit webhook's events.
        let recorder = ServiceHost.makeAuditRecorder(for: .gateway, config: config, logger: logger)
        let webhook = KubernetesAuditWebhook(
            token: try KubernetesAuditWebhook.token(fromFile: config.audit.kubernetesWebhookTokenFile),
            recorder: recorder,
            activity: SleepActivityReporter(socketPath: paths.socketPath(for: .sleep), logger: logger), logger: logger)
        let tls = try listen.isTLS
            ? GatewayTLS.serverConfiguration(certFile: config.gateway.tls.certFile, keyFile: config.gateway.tls.keyFile)
            : nil
        let oauth = OAuthEndpoints(identitySocket: paths.socketPath(for: .identity), csrf: OAuthCSRF(secure: listen.isTLS))
        let http = GatewayHTTPServer(
            address: listen, readiness: readiness, kubernetesAudit: webhook,
            oidc: OIDCEndpoints(identitySocket: paths.socketPath(for: .identity)), oauth: oauth,
            device: DeviceEndpoints(oauth: oauth, publicURL: config.gateway.publicURL),
            upstream: OAuthUpstreamEndpoints(oauth: oauth, publicURL: config.gateway.publicURL), tls: tls, logger: logger)
        var router = RPCRouter()
        router.unary(GatewayV1.getListeners) { _, _ in
            GatewayV1.GetListenersResponse(listeners: [GatewayV1.Listener(url: listen.url, tls: listen.isTLS)])
        }
        return ServiceHost(
            name: .gateway, config: config, router: router, companions: [http], audit: .recorder(recorder),
            logger: logger)
    }
}
