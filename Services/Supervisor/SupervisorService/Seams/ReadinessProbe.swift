/// Tells whether a child serves. The lead plugs in the gRPC health check (`grpc.health.v1` SERVING on the
/// child's socket); `SocketConnectProbe` is the interim probe.
///
/// Contract: called repeatedly while the child starts and while it runs, once per `probeInterval`, never
/// concurrently for the same child. It must return promptly (give any RPC a deadline shorter than the probe
/// interval) and must not throw: an unreachable child is simply not serving. The supervisor stops waiting for
/// an answer when the child exits or shutdown begins (the probe's task is cancelled then).
public protocol ReadinessProbe: Sendable {
    /// True when the child serves (gRPC health SERVING).
    func isServing(_ child: ChildSpec) async -> Bool
}
