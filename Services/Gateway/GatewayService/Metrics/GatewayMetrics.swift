import BerthRuntime

/// The gateway's own numbers, in the same `MetricsRegistry` every service keeps, written by `/metrics`:
/// - `berth_gateway_http_requests_total{method,route,status}` and
///   `berth_gateway_http_request_duration_seconds{method,route}` (histogram) per route *template*
///   (`/api/v1/spaces/{name}`), never per raw path, so cardinality stays bounded;
/// - `berth_gateway_rate_limited_total{bucket}`, `berth_gateway_auth_failures_total{reason}`.
/// Other sources join through `MetricsContributing` (see `MetricsEndpoint`).
final class GatewayMetrics: Sendable {
    private let registry = MetricsRegistry()

    static let requests = "berth_gateway_http_requests_total"
    static let durations = "berth_gateway_http_request_duration_seconds"
    static let limited = "berth_gateway_rate_limited_total"
    static let authFailures = "berth_gateway_auth_failures_total"
    /// Seconds; chosen around the RPC round trip (≈1 ms) up to the request timeout.
    static let bounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    init() {
        registry.counter(Self.requests, help: "HTTP requests answered, by route template.")
        registry.histogram(Self.durations, help: "Time to answer, by route template.", bounds: Self.bounds)
        registry.counter(Self.limited, help: "Requests refused with 429, by bucket.")
        registry.counter(Self.authFailures, help: "API requests refused for their bearer token.")
    }

    func request(method: String, route: String, status: Int, seconds: Double) {
        registry.increment(Self.requests, ["method": method, "route": route, "status": "\(status)"])
        registry.observe(Self.durations, ["method": method, "route": route], seconds)
    }

    func rateLimited(bucket: String) { registry.increment(Self.limited, ["bucket": bucket]) }

    func authFailure(reason: String) { registry.increment(Self.authFailures, ["reason": reason]) }

    /// The exposition of the gateway's own families.
    func exposition() async -> String { await registry.exposition() }
}
