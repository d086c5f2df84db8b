import Hummingbird

/// Applies per-client token buckets by path prefix: the strict bucket to the sign-in endpoints (`/token`,
/// `/login…`, `/device…`, `/authorize`: password guessing and code polling), the looser one to `/api/` and the CLI's `/rpc/` relay. Other
/// paths (health, metrics, OIDC documents) are not limited. A limited request is answered 429 with
/// `Retry-After` and counted in the metrics.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let signIn: TokenBucketLimiter
    let api: TokenBucketLimiter
    let metrics: GatewayMetrics

    static let signInPrefixes = ["/token", "/login", "/device", "/authorize"]

    func limiter(for path: String) -> (name: String, limiter: TokenBucketLimiter)? {
        if Self.signInPrefixes.contains(where: { path.hasPrefix($0) }) { return ("sign-in", signIn) }
        if path.hasPrefix("/api/") || path.hasPrefix("/rpc/") { return ("api", api) }
        return nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let (name, limiter) = limiter(for: request.uri.path) else { return try await next(request, context) }
        switch limiter.take(context.clientKey) {
        case .allowed:
            return try await next(request, context)
        case .limited(let retryAfter):
            metrics.rateLimited(bucket: name)
            context.logger.notice("rate limited", metadata: ["bucket": "\(name)", "client": "\(context.clientKey)"])
            return APIProblem.rateLimited(retryAfterSeconds: retryAfter).response(requestID: context.requestID)
        }
    }
}
