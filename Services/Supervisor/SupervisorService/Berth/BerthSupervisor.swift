import BerthModel
import BerthRPC
import BerthRuntime
import Logging
import ServiceLifecycle

/// berthd: the five services as supervised child processes, plus berthd's own status socket, in one
/// `ServiceGroup` that stops everything in reverse start order on SIGTERM/SIGINT.
public enum BerthSupervisor {
    /// - Parameter childArguments: the flags every child gets so it resolves the same config as berthd
    ///   (`--config`, `--state-dir`, `--runtime-dir`, …).
    public static func build(config: BerthConfig, childArguments: [String], logger: Logger) throws -> ServiceGroup {
        let paths = BerthPaths(config: config)
        try paths.prepare()
        let children = ServiceName.startOrder.map { service in
            ChildSpec(
                name: service.rawValue, executable: paths.executablePath(for: service), arguments: childArguments,
                socketPath: paths.socketPath(for: service))
        }
        let notifier = SystemdNotifier()
        let supervisor = Supervisor(
            children: children, policy: policy(from: config.supervisor),
            probe: GRPCHealthProbe(deadline: .milliseconds(400)),
            reporter: SystemdReadinessReporter(notifier: notifier), logger: logger)
        try supervisor.validate()

        let socketPaths = Dictionary(uniqueKeysWithValues: children.map { ($0.name, $0.socketPath) })
        let statusServer = UnixRPCServer(
            socketPath: paths.supervisorSocketPath,
            router: SupervisorStatusRoutes.router(for: supervisor, socketPaths: socketPaths),
            authorizer: PeerCredentialAuthorizer.berth(adminGroup: config.rpc.adminGroup), logger: logger)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: statusServer), .init(service: supervisor),
        ]
        if config.supervisor.watchdog, notifier.watchdogPingInterval != nil {
            services.append(.init(service: SystemdWatchdogService(notifier: notifier, enabled: true, logger: logger)))
        }
        return ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }

    static func policy(from config: BerthConfig.Supervisor) -> SupervisorPolicy {
        SupervisorPolicy(
            stopGracePeriod: config.stopGracePeriod.duration,
            restartBackoffInitial: config.restartBackoffInitial.duration,
            restartBackoffMax: config.restartBackoffMax.duration,
            stableAfter: config.stableAfter.duration,
            crashLoopRestarts: config.crashLoopRestarts,
            crashLoopWindow: config.crashLoopWindow.duration,
            readinessTimeout: config.readinessTimeout.duration)
    }
}
