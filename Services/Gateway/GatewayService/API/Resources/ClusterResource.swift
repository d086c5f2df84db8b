import BerthRPC

/// A connected cluster as the API shows it. The kubeconfig is write-only: it holds credentials and is never
/// echoed.
struct ClusterResource: Codable, Sendable, Equatable {
    var name: String
    var context: String
    var isDefault: Bool
    var health: String
    var message: String
    var checkedAt: String?

    init(_ cluster: TenancyV1.Cluster) {
        name = cluster.name
        context = cluster.context
        isDefault = cluster.isDefault
        health = cluster.health
        message = cluster.message
        checkedAt = APITime.string(unixSeconds: cluster.checkedUnixSeconds)
    }
}

/// `POST /api/v1/clusters`.
struct AddClusterBody: Decodable, Sendable {
    var name: String
    /// The kubeconfig (YAML) Berth uses to reach the cluster.
    var kubeconfig: String
    var context: String?
    var isDefault: Bool?

    var cluster: TenancyV1.Cluster {
        TenancyV1.Cluster(name: name, kubeconfig: kubeconfig, context: context ?? "", isDefault: isDefault ?? false)
    }
}
