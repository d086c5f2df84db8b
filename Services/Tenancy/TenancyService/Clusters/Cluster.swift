import BerthKube
import BerthModel
import Foundation

/// A connected Kubernetes API: where its kubeconfig is (a file Berth's user can read, or `in-cluster` for the
/// pod's service account), which context, whether it is the default, and how it answered last.
struct Cluster: Sendable, Equatable {
    static let inCluster = "in-cluster"

    var name: DNSLabel
    var kubeconfig: String
    var context: String
    var isDefault: Bool
    var health: ClusterHealth
    var message: String
    var checkedAt: Date?
    var createdAt: Date

    /// Reads the kubeconfig (or the service account) now; the error names the key or file to fix.
    func connection() throws -> KubeConnection {
        if kubeconfig == Self.inCluster { return try KubeConnection.inCluster() }
        return try KubeConnection.kubeconfig(path: kubeconfig, context: context.isEmpty ? nil : context)
    }
}

/// How a cluster answered Berth's last health check (a one-item namespace list, which Berth's RBAC allows).
enum ClusterHealth: String, Sendable, Codable, CaseIterable {
    case unknown = "Unknown"
    case ready = "Ready"
    /// Transport errors, timeouts, 5xx.
    case unreachable = "Unreachable"
    /// 401/403: the credentials or Berth's RBAC need fixing.
    case unauthorized = "Unauthorized"
}
