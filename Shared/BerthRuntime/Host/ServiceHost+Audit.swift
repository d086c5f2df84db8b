import BerthAuditClient
import BerthModel
import BerthRPC
import Foundation
import Glibc
import Logging

/// How a hosted service records its own `service.started` (once SERVING) and `service.stopped` (when shutdown
/// begins), and where its audit recorder comes from.
public enum ServiceAudit: Sendable {
    /// A recorder to berth-audit's socket (`makeAuditRecorder`). For berth-audit itself: none (it cannot append to
    /// itself over its socket before it serves, nor after it stopped); it passes `.recorder` with a local sink.
    case automatic
    /// This recorder (shared with the service's own handlers, e.g. the gateway's Kubernetes audit webhook).
    case recorder(AuditRecorder)
    /// Record nothing.
    case disabled
}

extension ServiceHost {
    /// The audit recorder for `service`, configured from `audit.clientTimeout`, `audit.whenUnreachable` and
    /// the service's spool, `<stateDir>/spool/<service>/<service>.spool`. `sink` defaults to berth-audit's socket;
    /// berth-audit passes a sink that appends to its own store.
    public static func makeAuditRecorder(
        for service: ServiceName, config: BerthConfig, sink: (any AuditEventSink)? = nil, logger: Logger
    ) -> AuditRecorder {
        let paths = BerthPaths(config: config)
        let configuration = AuditRecorderConfiguration(
            producer: service.rawValue,
            spoolPath: paths.spoolDirectory(for: service) + "/\(service.rawValue).spool",
            timeout: config.audit.clientTimeout.duration,
            whenUnreachable: config.audit.whenUnreachable == .refuse ? .refuse : .spool)
        return AuditRecorder(
            configuration: configuration, sink: sink ?? RPCAuditSink(socketPath: paths.socketPath(for: .audit)),
            clock: ContinuousClock(), now: { Int64((Date().timeIntervalSince1970 * 1e9).rounded()) }, logger: logger)
    }

    /// The recorder `audit` stands for, nil when nothing is recorded.
    func resolvedAuditRecorder() -> AuditRecorder? {
        switch audit {
        case .automatic: name == .audit ? nil : Self.makeAuditRecorder(for: name, config: config, logger: logger)
        case .recorder(let recorder): recorder
        case .disabled: nil
        }
    }
}

/// Records a service's own start and stop; the actor is the service process itself.
struct ServiceLifecycleAudit: Sendable {
    let recorder: AuditRecorder
    let service: ServiceName
    let logger: Logger

    func record(_ action: AuditAction) async {
        let actor = AuditV1.Actor(
            subject: service.executableName, username: service.executableName, authenticatedBy: "process",
            source: "uid:\(getuid())")
        do {
            try await recorder.record(
                action, actor: actor, target: AuditV1.Target(kind: "service", name: service.executableName),
                details: ["pid": "\(getpid())"])
        } catch {
            // Never fail a start or a stop over its own audit event; the log says it is missing.
            logger.warning(
                "cannot record the service's own audit event", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }
}
