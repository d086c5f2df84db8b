import BerthRuntime
import Foundation
import Synchronization

/// The gateway's own numbers, kept in memory and written in the Prometheus text format (0.0.4) by `/metrics`:
/// - `berth_gateway_http_requests_total{method,route,status}` and
///   `berth_gateway_http_request_duration_seconds{method,route}` (histogram) per route *template*
///   (`/api/v1/spaces/{name}`), never per raw path, so cardinality stays bounded;
/// - `berth_gateway_rate_limited_total{bucket}`, `berth_gateway_auth_failures_total{reason}`.
/// Other sources join through `MetricsContributing` (see `MetricsEndpoint`).
///
/// Hand-written rather than swift-prometheus: a few counters and one histogram family do not pay for a new
/// package in everyone's build; the exposition format is checked by a test that parses it.
final class GatewayMetrics: Sendable {
    struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct Histogram {
        var buckets: [Int]
        var sum: Double = 0
        var count: Int = 0
    }

    /// Seconds; chosen around the RPC round trip (≈1 ms) up to the request timeout.
    static let bounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var durations: [[String]: Histogram] = [:]
        var rateLimited: [String: Int] = [:]
        var authFailures: [String: Int] = [:]
    }

    private let state = Mutex(State())

    func request(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.durations[[method, route]] ?? Histogram(buckets: Array(repeating: 0, count: Self.bounds.count))
            for (index, bound) in Self.bounds.enumerated() where seconds <= bound { histogram.buckets[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            state.durations[[method, route]] = histogram
        }
    }

    func rateLimited(bucket: String) { state.withLock { $0.rateLimited[bucket, default: 0] += 1 } }

    func authFailure(reason: String) { state.withLock { $0.authFailures[reason, default: 0] += 1 } }

    /// The exposition of the gateway's own families.
    func exposition() -> String {
        let state = self.state.withLock { $0 }
        var out = PrometheusText()
        out.family("berth_gateway_http_requests_total", "counter", "HTTP requests answered, by route template.")
        for (key, value) in state.requests.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            out.sample(
                "berth_gateway_http_requests_total",
                ["method": key.method, "route": key.route, "status": "\(key.status)"], Double(value))
        }
        out.family(
            "berth_gateway_http_request_duration_seconds", "histogram", "Time to answer, by route template.")
        for (key, histogram) in state.durations.sorted(by: { $0.key.joined() < $1.key.joined() }) {
            let labels = ["method": key[0], "route": key[1]]
            for (index, bound) in Self.bounds.enumerated() {
                out.sample(
                    "berth_gateway_http_request_duration_seconds_bucket", labels.merging(["le": "\(bound)"]) { a, _ in a },
                    Double(histogram.buckets[index]))
            }
            out.sample(
                "berth_gateway_http_request_duration_seconds_bucket", labels.merging(["le": "+Inf"]) { a, _ in a },
                Double(histogram.count))
            out.sample("berth_gateway_http_request_duration_seconds_sum", labels, histogram.sum)
            out.sample("berth_gateway_http_request_duration_seconds_count", labels, Double(histogram.count))
        }
        out.family("berth_gateway_rate_limited_total", "counter", "Requests refused with 429, by bucket.")
        for (bucket, value) in state.rateLimited.sorted(by: { $0.key < $1.key }) {
            out.sample("berth_gateway_rate_limited_total", ["bucket": bucket], Double(value))
        }
        out.family("berth_gateway_auth_failures_total", "counter", "API requests refused for their bearer token.")
        for (reason, value) in state.authFailures.sorted(by: { $0.key < $1.key }) {
            out.sample("berth_gateway_auth_failures_total", ["reason": reason], Double(value))
        }
        return out.text
    }
}
