import HTTPTypes
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle

/// The gateway's HTTP listener (Hummingbird), run as a companion service of the gateway's socket.
struct GatewayHTTPServer: Service {
    let address: GatewayListenAddress
    let readiness: ServiceReadiness
    let kubernetesAudit: KubernetesAuditWebhook
    let oidc: OIDCEndpoints
    let oauth: OAuthEndpoints
    let device: DeviceEndpoints
    let upstream: OAuthUpstreamEndpoints
    let web: WebUI
    let scim: SCIMEndpoints
    /// The REST API, its middleware and metrics.
    let api: GatewayAPI
    /// Every service's own numbers, for `/metrics`.
    let serviceMetrics: ServiceMetrics
    /// `/rpc/…`: the CLI's calls from other machines.
    let relay: RPCRelayEndpoints
    /// Set for an `https://` listener.
    let tls: TLSConfiguration?
    let logger: Logger

    func run() async throws {
        let app = Application(
            router: makeRouter(), server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "berth-gateway"),
            logger: logger)
        try await app.runService()
    }

    /// Every route the gateway serves. Middleware applies to the routes added after it, so it comes first:
    /// request id (outermost, so every answer and log line has one), metrics, security headers, rate limits.
    func makeRouter() -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: api.metrics, now: api.options.monotonicNow))
        router.add(middleware: SecurityHeadersMiddleware(tls: tls != nil))
        router.add(middleware: api.rateLimits)
        HealthEndpoints(readiness: readiness).register(on: router)
        MetricsEndpoint(metrics: api.metrics, contributors: [ReadinessMetrics(readiness: readiness), serviceMetrics]).register(on: router)
        kubernetesAudit.register(on: router)
        oidc.register(on: router)
        oauth.register(on: router)
        device.register(on: router)
        upstream.register(on: router)
        api.register(on: router)
        relay.register(on: router)
        web.register(on: router)
        scim.register(on: router)
        return router
    }
}
