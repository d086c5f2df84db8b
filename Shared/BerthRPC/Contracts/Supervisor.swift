/// Swift mirrors of proto/berth/supervisor/v1/supervisor.proto (package berth.supervisor.v1).
public enum SupervisorV1 {
    public enum ServiceState: Int32, ProtoEnum {
        case unspecified = 0
        /// Not started yet (waiting for the previous service).
        case pending = 1
        /// Process running, health not SERVING yet.
        case starting = 2
        case serving = 3
        /// Exited, waiting to restart.
        case backoff = 4
        /// Restarted too often in a short time; still retried at the capped delay.
        case crashLoop = 5
        case stopping = 6
        case stopped = 7
    }

    public struct ServiceStatus: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.supervisor.v1.ServiceStatus" }
        public var name: String
        public var state: ServiceState
        public var pid: Int32
        public var restarts: UInt32
        public var uptimeSeconds: Int64
        /// "exit status 1", "signal 9 (KILL)", "".
        public var lastExit: String
        public var socketPath: String

        public init(
            name: String = "", state: ServiceState = .unspecified, pid: Int32 = 0, restarts: UInt32 = 0,
            uptimeSeconds: Int64 = 0, lastExit: String = "", socketPath: String = ""
        ) {
            self.name = name
            self.state = state
            self.pid = pid
            self.restarts = restarts
            self.uptimeSeconds = uptimeSeconds
            self.lastExit = lastExit
            self.socketPath = socketPath
        }
    }

    public struct StatusRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.supervisor.v1.StatusRequest" }
        public init() {}
    }

    public struct StatusResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.supervisor.v1.StatusResponse" }
        public var services: [ServiceStatus]
        public var supervisorPid: Int32

        public init(services: [ServiceStatus] = [], supervisorPid: Int32 = 0) {
            self.services = services
            self.supervisorPid = supervisorPid
        }
    }
}
