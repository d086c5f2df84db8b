import BerthModel
import BerthRPC
import BerthRuntime
import Hummingbird

/// Numbers from elsewhere that `/metrics` includes: each contributor writes whole families in the Prometheus
/// text format: service readiness (`berth_service_up`) and every service's own registry (`ServiceMetrics`).
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
            var text = await metrics.exposition()
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

/// Each service's own families (logins, spaces by state, reconcile queue depth, audit append latency, sleep
/// transitions…), scraped over its socket (`Metrics/Scrape`) at each `/metrics` request, so one scrape target
/// shows the whole system. A service that does not answer within a second is left out (its `berth_service_up`
/// says 0); the rest still appear.
struct ServiceMetrics: MetricsContributing {
    let clients: [(ServiceName, UnixRPCClient)]

    func exposition() async -> String {
        await withTaskGroup(of: (Int, String).self) { group in
            for (index, (_, client)) in clients.enumerated() {
                group.addTask {
                    let text = try? await client.unary(MetricsV1.scrape, MetricsV1.ScrapeRequest(), deadline: .seconds(1)).text
                    return (index, text ?? "")
                }
            }
            var texts = Array(repeating: "", count: clients.count)
            for await (index, text) in group { texts[index] = text }
            return texts.joined()
        }
    }
}
