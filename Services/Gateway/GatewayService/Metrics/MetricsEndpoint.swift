import Hummingbird

/// Numbers from elsewhere that `/metrics` includes: each contributor writes whole families in the Prometheus
/// text format. Today the gateway contributes service readiness (`berth_service_up`); logins, spaces by state,
/// reconcile queue depth, audit append latency and sleep transitions join here once their services expose them
/// (see the README's "Metrics" section).
protocol MetricsContributing: Sendable {
    func exposition() async -> String
}

/// `GET /metrics`: the gateway's families, then each contributor's. Unauthenticated, like `/healthz`: it holds
/// counts and latencies only, no names of people or spaces; keep the listener off untrusted networks or filter
/// `/metrics` at the proxy.
struct MetricsEndpoint: Sendable {
    let metrics: GatewayMetrics
    let contributors: [any MetricsContributing]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("metrics") { _, _ -> Response in
            var text = metrics.exposition()
            for contributor in contributors { text += await contributor.exposition() }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

/// `berth_service_up{service}`: 1 when the service answers SERVING on its socket (the `/readyz` check).
struct ReadinessMetrics: MetricsContributing {
    let readiness: ServiceReadiness

    func exposition() async -> String {
        var out = PrometheusText()
        out.family("berth_service_up", "gauge", "1 when the service answers SERVING on its socket.")
        for result in await readiness.check() {
            out.sample("berth_service_up", ["service": result.service.rawValue], result.serving ? 1 : 0)
        }
        return out.text
    }
}
