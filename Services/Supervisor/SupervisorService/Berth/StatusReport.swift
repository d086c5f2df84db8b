import BerthRPC
import Foundation

/// `berthd status`: asks berthd's socket and prints one line per service. Exit status 0 only when every service
/// is serving, so scripts and health checks can rely on it.
public enum StatusReport {
    /// Returns the text to print and whether every service serves.
    public static func render(_ response: SupervisorV1.StatusResponse) -> (text: String, allServing: Bool) {
        var lines = [
            ["SERVICE", "STATE", "PID", "RESTARTS", "UPTIME", "LAST-EXIT"]
        ]
        for service in response.services {
            lines.append([
                service.name, label(service.state), service.pid == 0 ? "-" : "\(service.pid)", "\(service.restarts)",
                service.state == .serving ? uptime(service.uptimeSeconds) : "-",
                service.lastExit.isEmpty ? "-" : service.lastExit,
            ])
        }
        let widths = lines[0].indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        let text = lines.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
        let allServing = !response.services.isEmpty && response.services.allSatisfy { $0.state == .serving }
        return ("berthd pid \(response.supervisorPid)\n" + text + "\n", allServing)
    }

    static func label(_ state: SupervisorV1.ServiceState) -> String {
        switch state {
        case .serving: "serving"
        case .pending: "pending"
        case .starting: "starting"
        case .backoff: "backoff"
        case .crashLoop: "crash-loop"
        case .stopping: "stopping"
        case .stopped: "stopped"
        default: "unknown"
        }
    }

    static func uptime(_ seconds: Int64) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(seconds % 60)s" }
        return "\(seconds / 3600)h\((seconds % 3600) / 60)m"
    }
}
