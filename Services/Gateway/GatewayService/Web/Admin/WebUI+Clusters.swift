import BerthRPC
import Hummingbird

extension WebUI {
    /// Clusters with the health tenancy's checker last saw (ListClusters; kubeconfigs are never shown).
    func clusters(_ session: WebSession) async -> Response {
        do {
            let list = try await tenancy.unary(
                TenancyV1.listClusters, TenancyV1.ListClustersRequest(), metadata: session.forwardedMetadata)
            return Self.html(.ok, WebPages.clusters(list.clusters, session: session))
        } catch {
            return Self.failure(error, session: session)
        }
    }
}
