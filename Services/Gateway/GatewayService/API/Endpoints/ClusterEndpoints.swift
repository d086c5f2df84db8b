import BerthRPC
import Hummingbird

/// `/api/v1/clusters`: list, get, add and remove (admin). Kubeconfigs go in, never out.
struct ClusterEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let tenancy = routes.tenancy
        group.get("clusters", use: routes.handle { _, _, caller in
            let list = try await tenancy.unary(
                TenancyV1.listClusters, TenancyV1.ListClustersRequest(), metadata: caller.forwardedMetadata)
            return try .json(Page(items: list.clusters.map(ClusterResource.init), nextCursor: nil))
        })
        group.post("clusters", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(AddClusterBody.self, from: data)
            let cluster = try await tenancy.unary(
                TenancyV1.addCluster, TenancyV1.AddClusterRequest(cluster: body.cluster), metadata: caller.forwardedMetadata)
            return try .json(ClusterResource(cluster), status: .created, location: "/api/v1/clusters/\(cluster.name)")
        })
        group.get("clusters/{name}", use: routes.handle { _, context, caller in
            let name = try context.name()
            let list = try await tenancy.unary(
                TenancyV1.listClusters, TenancyV1.ListClustersRequest(), metadata: caller.forwardedMetadata)
            guard let cluster = list.clusters.first(where: { $0.name == name }) else {
                throw APIProblem.notFound("cluster \"\(name)\" is not connected: see GET /api/v1/clusters")
            }
            return try .json(ClusterResource(cluster))
        })
        group.delete("clusters/{name}", use: routes.handle { _, context, caller in
            _ = try await tenancy.unary(
                TenancyV1.removeCluster, TenancyV1.RemoveClusterRequest(name: try context.name()),
                metadata: caller.forwardedMetadata)
            return .noContent
        })
    }
}
