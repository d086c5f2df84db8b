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
    /// Set for an `https://` listener.
    let tls: TLSConfiguration?
    let logger: Logger

    func run() async throws {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        HealthEndpoints(readiness: readiness).register(on: router)
        kubernetesAudit.register(on: router)
        oidc.register(on: router)
        oauth.register(on: router)
        device.register(on: router)
        upstream.register(on: router)
        let app = Application(
            router: router, server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "berth-gateway"),
            logger: logger)
        try await app.runService()
    }
}

/// Headers every response carries: no sniffing, no framing, no referrer leaks.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: [(HTTPField.Name, String)] {
        [
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
        ].compactMap { name, value in HTTPField.Name(name).map { ($0, value) } }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        for (name, value) in Self.headers { response.headers[name] = value }
        return response
    }
}
