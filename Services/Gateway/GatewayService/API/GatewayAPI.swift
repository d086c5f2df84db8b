import BerthRPC
import BerthRuntime
import Hummingbird
import Logging

/// The REST API for IT tooling, `/api/v1` (the contract: `Services/Gateway/openapi.yaml`, served at
/// `/api/v1/openapi.json`). Every resource route is behind the body limit and bearer authentication; the
/// document itself is public.
struct GatewayAPI: Sendable {
    let routes: APIRoutes
    let verifier: any TokenVerifier
    let metrics: GatewayMetrics
    let options: GatewayOptions
    let rateLimits: RateLimitMiddleware
    let document: OpenAPIDocument

    init(
        tenancy: UnixRPCClient, audit: UnixRPCClient, sleep: UnixRPCClient, identity: UnixRPCClient, verifier: any TokenVerifier,
        idempotency: IdempotencyStore?, options: GatewayOptions
    ) throws {
        let metrics = GatewayMetrics()
        self.metrics = metrics
        self.options = options
        self.routes = APIRoutes(
            tenancy: tenancy, audit: audit, sleep: sleep, identity: identity, idempotency: idempotency,
            timeout: RequestTimeout(limit: options.requestTimeout, clock: options.clock),
            maxBodyBytes: options.maxBodyBytes)
        self.verifier = verifier
        self.rateLimits = RateLimitMiddleware(
            signIn: TokenBucketLimiter(rule: options.signInRateLimit, now: options.monotonicNow),
            api: TokenBucketLimiter(rule: options.apiRateLimit, now: options.monotonicNow), metrics: metrics)
        self.document = try OpenAPIDocument.load()
    }

    func register(on router: Router<GatewayRequestContext>) {
        document.register(on: router)
        let group = router.group("api/v1")
            .add(middleware: BodyLimitMiddleware(maxBytes: options.maxBodyBytes))
            .add(middleware: BearerAuthMiddleware(verifier: verifier, metrics: metrics))
        SpaceEndpoints(routes: routes).register(on: group)
        TeamEndpoints(routes: routes).register(on: group)
        TemplateEndpoints(routes: routes).register(on: group)
        ClusterEndpoints(routes: routes).register(on: group)
        AuditEndpoints(routes: routes).register(on: group)
        SleepEndpoints(routes: routes).register(on: group)
        AccessKeyEndpoints(routes: routes).register(on: group)
        UserEndpoints(routes: routes).register(on: group)
        GroupEndpoints(routes: routes).register(on: group)
        QuotaEndpoints(routes: routes).register(on: group)
        SleepPolicyEndpoints(routes: routes).register(on: group)
        WebhookEndpoints(routes: routes).register(on: group)
    }
}
