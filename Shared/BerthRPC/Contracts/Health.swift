/// Swift mirrors of proto/grpc/health/v1/health.proto (package grpc.health.v1, the standard gRPC health protocol).
public enum HealthV1 {
    public struct HealthCheckRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "grpc.health.v1.HealthCheckRequest" }
        public var service: String

        public init(service: String = "") {
            self.service = service
        }
    }

    public struct HealthCheckResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "grpc.health.v1.HealthCheckResponse" }

        public enum ServingStatus: Int32, ProtoEnum {
            case unknown = 0
            case serving = 1
            case notServing = 2
            /// Used only by the Watch method.
            case serviceUnknown = 3
        }

        public var status: ServingStatus

        public init(status: ServingStatus = .unknown) {
            self.status = status
        }
    }
}
