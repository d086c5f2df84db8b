import Hummingbird
import Logging
import ServiceLifecycle

/// The gateway's HTTP listener (Hummingbird), run as a companion service of the gateway's socket.
struct GatewayHTTPServer: Service {
    let address: GatewayListenAddress
    let readiness: ServiceReadiness
    let logger: Logger

    func run() async throws {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        HealthEndpoints(readiness: readiness).register(on: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "berth-gateway"),
            logger: logger)
        try await app.runService()
    }
}

/// Headers every response carries: no sniffing, no framing, no referrer leaks.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
