import BerthRPC

/// The readiness probe berthd uses: `grpc.health.v1.Health/Check` on the child's socket answers SERVING.
struct GRPCHealthProbe: ReadinessProbe {
    /// Shorter than the supervisor's probe interval, so a hung child never stalls the probe loop.
    let deadline: Duration

    func isServing(_ child: ChildSpec) async -> Bool {
        let client = UnixRPCClient(socketPath: child.socketPath, defaultDeadline: deadline, connectRetry: .zero)
        defer { client.close() }
        let response = try? await client.unary(HealthV1.check, HealthV1.HealthCheckRequest(service: ""))
        return response?.status == .serving
    }
}
