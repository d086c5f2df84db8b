import BerthRPC
import Foundation

/// `SpaceDirectory` over berth-tenancy's socket. berth-sleep calls as Berth's own user (peer credentials), which
/// tenancy trusts with every space.
struct TenancySpaceDirectory: SpaceDirectory {
    let client: UnixRPCClient

    func clusters() async throws -> [DirectoryCluster] {
        try await client.unary(TenancyV1.listClusters, TenancyV1.ListClustersRequest()).clusters.map {
            DirectoryCluster(name: $0.name, kubeconfig: $0.kubeconfig, context: $0.context, isDefault: $0.isDefault)
        }
    }

    func spaces() async throws -> [DirectorySpace] {
        var result: [DirectorySpace] = []
        var token = ""
        repeat {
            let page = try await client.unary(
                TenancyV1.listSpaces, TenancyV1.ListSpacesRequest(pageSize: 500, pageToken: token))
            result += page.spaces.map(Self.space)
            token = page.nextPageToken
        } while !token.isEmpty
        return result
    }

    func space(cluster: String, name: String) async throws -> DirectorySpace? {
        do {
            return Self.space(try await client.unary(TenancyV1.getSpace, TenancyV1.GetSpaceRequest(cluster: cluster, name: name)))
        } catch where error.code == .notFound {
            return nil
        }
    }

    func deleteSpace(cluster: String, name: String) async throws {
        _ = try await client.unary(TenancyV1.deleteSpace, TenancyV1.DeleteSpaceRequest(cluster: cluster, name: name))
    }

    static func space(_ space: TenancyV1.Space) -> DirectorySpace {
        DirectorySpace(
            cluster: space.cluster, name: space.name, team: space.team, owner: space.owner, phase: space.phase,
            createdAt: Date(timeIntervalSince1970: TimeInterval(space.createdUnixSeconds)))
    }
}
