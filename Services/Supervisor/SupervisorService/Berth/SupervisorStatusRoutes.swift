import BerthRPC
import Glibc

/// `berth.supervisor.v1.Supervisor/Status` on berthd's own socket: what `berthd status` prints.
enum SupervisorStatusRoutes {
    static func router(for supervisor: Supervisor, socketPaths: [String: String]) -> RPCRouter {
        var router = RPCRouter()
        router.unary(SupervisorV1.status) { _, _ in
            SupervisorV1.StatusResponse(
                services: supervisor.snapshot().services.map { wire($0, socketPath: socketPaths[$0.name] ?? "") },
                supervisorPid: getpid())
        }
        return router
    }

    static func wire(_ status: ChildStatus, socketPath: String) -> SupervisorV1.ServiceStatus {
        SupervisorV1.ServiceStatus(
            name: status.name, state: wire(status.state, crashLoop: status.crashLoop), pid: status.pid ?? 0,
            restarts: UInt32(clamping: status.restarts),
            uptimeSeconds: status.uptime.map { $0.components.seconds } ?? 0,
            lastExit: status.lastExit.map { "\($0)" } ?? "", socketPath: socketPath)
    }

    static func wire(_ state: ChildState, crashLoop: Bool) -> SupervisorV1.ServiceState {
        switch state {
        case .pending: .pending
        case .starting: .starting
        case .serving: .serving
        case .backoff: crashLoop ? .crashLoop : .backoff
        case .crashLoop: .crashLoop
        case .stopping: .stopping
        case .stopped: .stopped
        }
    }
}
