import BerthModel
import BerthRPC
import Foundation

/// The cluster RPCs (admins add and remove; everyone may list).
struct ClusterHandlers: Sendable {
    let store: any ClusterStore
    let fleet: ClusterFleet?
    let audit: TenancyAudit
    let now: @Sendable () -> Date

    func add(_ request: TenancyV1.AddClusterRequest, caller: Caller) async throws -> TenancyV1.Cluster {
        try caller.requireAdmin(to: "connect clusters")
        guard let wanted = request.cluster else {
            throw TenancyError(code: .invalidArgument, message: "AddCluster needs a cluster: set cluster.name and cluster.kubeconfig")
        }
        let name = try SpaceHandlers.label(wanted.name, kind: "cluster name")
        guard wanted.kubeconfig == Cluster.inCluster || wanted.kubeconfig.hasPrefix("/") else {
            throw TenancyError(
                code: .invalidArgument,
                message: "cluster kubeconfig must be an absolute path berth-tenancy can read, or \"in-cluster\"")
        }
        let cluster = Cluster(
            name: name, kubeconfig: wanted.kubeconfig, context: wanted.context, isDefault: wanted.isDefault,
            health: .unknown, message: "", checkedAt: nil, createdAt: now())
        do {
            _ = try cluster.connection()
        } catch {
            throw TenancyError(code: .invalidArgument, message: "cluster \(name): \(error)")
        }
        try await store.add(cluster)
        fleet?.changed()
        await record(.clusterConnected, caller: caller, name: name.rawValue)
        return Self.wire(try await store.clusters().first { $0.name == name } ?? cluster)
    }

    /// Everyone sees the clusters and their health; only admins where their credentials are.
    func list(_ request: TenancyV1.ListClustersRequest, caller: Caller? = nil) async throws -> TenancyV1.ListClustersResponse {
        let clusters = try await store.clusters().map(Self.wire)
        guard let caller, !caller.isAdmin else { return TenancyV1.ListClustersResponse(clusters: clusters) }
        return TenancyV1.ListClustersResponse(
            clusters: clusters.map { cluster in
                var shown = cluster
                shown.kubeconfig = ""
                shown.context = ""
                return shown
            })
    }

    func remove(_ request: TenancyV1.RemoveClusterRequest, caller: Caller) async throws -> TenancyV1.RemoveClusterResponse {
        try caller.requireAdmin(to: "disconnect clusters")
        try await store.remove(name: request.name)
        fleet?.changed()
        await record(.clusterDisconnected, caller: caller, name: request.name)
        return TenancyV1.RemoveClusterResponse()
    }

    private func record(_ action: AuditAction, caller: Caller, name: String) async {
        await audit.record(action, caller: caller, target: AuditV1.Target(kind: "cluster", name: name, cluster: name))
    }

    static func wire(_ cluster: Cluster) -> TenancyV1.Cluster {
        TenancyV1.Cluster(
            name: cluster.name.rawValue, kubeconfig: cluster.kubeconfig, context: cluster.context,
            isDefault: cluster.isDefault, health: cluster.health.rawValue, message: cluster.message,
            checkedUnixSeconds: cluster.checkedAt.map { Int64($0.timeIntervalSince1970) } ?? 0)
    }
}
