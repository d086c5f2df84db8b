/// `grpc.health.v1.HealthCheckResponse`.
public struct HealthCheckResponse: Codable, Sendable, Hashable {
    /// `grpc.health.v1.HealthCheckResponse.ServingStatus`, with the proto's numbers.
    public enum ServingStatus: Int, Codable, Sendable, Hashable, CaseIterable {
        case unknown = 0
        case serving = 1
        case notServing = 2
        /// Used only by Watch.
        case serviceUnknown = 3
    }

    public var status: ServingStatus

    public init(status: ServingStatus) {
        self.status = status
    }
}
