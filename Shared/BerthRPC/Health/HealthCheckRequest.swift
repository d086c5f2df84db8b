/// `grpc.health.v1.HealthCheckRequest`: which service to check; `""` asks about the server as a whole.
public struct HealthCheckRequest: Codable, Sendable, Hashable {
    public var service: String

    public init(service: String = "") {
        self.service = service
    }
}
