import Hummingbird

/// Counts every routed request and its latency under its route *template* (Hummingbird's `endpointPath`, e.g.
/// `/api/v1/spaces/{name}`); a request that matched no route counts as route `unmatched`. Time is read from an
/// injected monotonic clock.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let metrics: GatewayMetrics
    let now: @Sendable () -> Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = now()
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, start: start)
            throw error
        }
        record(request, context, status: response.status.code, start: start)
        return response
    }

    private func record(_ request: Request, _ context: Context, status: Int, start: Duration) {
        metrics.request(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status,
            seconds: TokenBucketLimiter.seconds(now() - start))
    }
}
