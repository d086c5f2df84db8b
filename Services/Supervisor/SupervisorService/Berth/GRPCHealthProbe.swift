import BerthRPC

/// The readiness probe berthd uses: `grpc.health.v1.Health/Check` on the child's socket answers SERVING.
struct GRPCHealthProbe: ReadinessProbe {
    /// Shorter than the supervisor's probe interval, so a hung child never stalls the probe loop.
    let deadline: Duration

    func isServing(_ child: ChildSpec) async -> Bool {
        let response = try? await UnixRPCClient.call(
            socketPath: child.socketPath, HealthV1.check, HealthV1.HealthCheckRequest(service: ""), deadline: deadline)
        return response?.status == .serving
    }
}
