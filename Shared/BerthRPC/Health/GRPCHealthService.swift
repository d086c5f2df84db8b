import Synchronization

/// The standard `grpc.health.v1.Health/Check`, so berthd and any gRPC health client can probe a service.
///
/// Statuses are set at run time (`setStatus(_:for:)`); `""` is the server as a whole. A service name that was
/// never set answers `NOT_FOUND`, as the protocol specifies. `Watch` (server streaming) is not served.
public final class GRPCHealthService: Sendable {
    private let statuses: Mutex<[String: HealthV1.HealthCheckResponse.ServingStatus]>

    /// - Parameter overall: the status of `""` until it is set.
    public init(overall: HealthV1.HealthCheckResponse.ServingStatus = .serving) {
        statuses = Mutex(["": overall])
    }

    public func setStatus(_ status: HealthV1.HealthCheckResponse.ServingStatus, for service: String) {
        statuses.withLock { $0[service] = status }
    }

    public func status(for service: String) -> HealthV1.HealthCheckResponse.ServingStatus? {
        statuses.withLock { $0[service] }
    }

    /// Adds `Check` to a router.
    public func register(in router: inout RPCRouter) {
        router.unary(HealthV1.check) { [self] request, _ in
            guard let status = status(for: request.service) else {
                throw HealthServiceUnknown(service: request.service)
            }
            return HealthV1.HealthCheckResponse(status: status)
        }
    }
}

/// `Check` for a service name the health service does not know.
struct HealthServiceUnknown: RPCStatusConvertible {
    let service: String
    var rpcStatusCode: RPCStatusCode { .notFound }
    var rpcStatusMessage: String {
        "health: unknown service \"\(service)\": ask for \"\" (the whole server) or a service name it reports"
    }
}
