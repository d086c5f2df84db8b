import BerthRPC
import Foundation
import Hummingbird

/// `/api/v1/spaces`: list (filters `team`, `cluster`, `state`; cursor), create (201 + Location, Idempotency-Key),
/// get, delete, upgrade. A space is named within its cluster: `?cluster=` picks a non-default one. Every call
/// forwards the caller's token; berth-tenancy decides what the caller may see and do.
struct SpaceEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let tenancy = routes.tenancy
        group.get("spaces", use: routes.handle { request, _, caller in
            let state = try request.queryChoice("state", Self.states) ?? ""
            let page = try await tenancy.unary(
                TenancyV1.listSpaces,
                TenancyV1.ListSpacesRequest(
                    cluster: request.queryString("cluster"), team: request.queryString("team"),
                    pageSize: try request.pageLimit(), pageToken: request.cursor),
                metadata: caller.forwardedMetadata)
            // The state filter applies within the page, so a page may hold fewer than `limit` items.
            let items = page.spaces.filter { state.isEmpty || $0.phase == state }
            return try .json(Page(items: items.map(SpaceResource.init), nextCursor: page.nextPageToken.nilIfEmpty))
        })
        group.post("spaces", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(CreateSpaceBody.self, from: data)
            let space = try await tenancy.unary(
                TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: body.space), metadata: caller.forwardedMetadata)
            return try .json(SpaceResource(space), status: .created, location: Self.location(space))
        })
        group.get("spaces/{name}", use: routes.handle { request, context, caller in
            let space = try await tenancy.unary(
                TenancyV1.getSpace, TenancyV1.GetSpaceRequest(cluster: request.queryString("cluster"), name: try context.name()),
                metadata: caller.forwardedMetadata)
            return try .json(SpaceResource(space))
        })
        group.delete("spaces/{name}", use: routes.handle { request, context, caller in
            let space = try await tenancy.unary(
                TenancyV1.deleteSpace,
                TenancyV1.DeleteSpaceRequest(cluster: request.queryString("cluster"), name: try context.name()),
                metadata: caller.forwardedMetadata)
            // Deletion is asynchronous (the reconciler prunes the namespace): 202 with the space as it is now.
            return try .json(SpaceResource(space), status: .accepted)
        })
        group.post("spaces/{name}/upgrade", use: routes.post { request, data, context, caller in
            let body = data.isEmpty ? UpgradeSpaceBody(templateVersion: nil) : try APIBody.decode(UpgradeSpaceBody.self, from: data)
            let space = try await tenancy.unary(
                TenancyV1.upgradeSpace,
                TenancyV1.UpgradeSpaceRequest(
                    cluster: request.queryString("cluster"), name: try context.name(), templateVersion: body.templateVersion ?? 0),
                metadata: caller.forwardedMetadata)
            return try .json(SpaceResource(space))
        })
    }

    /// Tenancy's space phases (`SpacePhase`), the values of `?state=`.
    static let states = ["Pending", "Ready", "Error", "Sleeping", "Terminating"]

    static func location(_ space: TenancyV1.Space) -> String {
        "/api/v1/spaces/\(space.name)" + (space.cluster.isEmpty ? "" : "?cluster=\(space.cluster)")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
