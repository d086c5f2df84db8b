import Hummingbird

/// `/healthz`: the gateway process answers. `/readyz`: every service answers SERVING on its socket (503 with
/// the reason per service otherwise), for load balancers and `curl`-based checks.
struct HealthEndpoints: Sendable {
    let readiness: ServiceReadiness

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            let results = await readiness.check()
            let body = results.map { "\($0.service.rawValue): \($0.serving ? "serving" : "not serving (\($0.detail))")" }
                .joined(separator: "\n") + "\n"
            let allServing = results.allSatisfy(\.serving)
            return Response(
                status: allServing ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
    }
}
