import BerthRPC
import Hummingbird

/// `/api/v1/templates`: list (newest version of each; one page), get (`?version=`, default newest), create
/// (admin; a new version when the name exists).
struct TemplateEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let tenancy = routes.tenancy
        group.get("templates", use: routes.handle { _, _, caller in
            let list = try await tenancy.unary(
                TenancyV1.listTemplates, TenancyV1.ListTemplatesRequest(), metadata: caller.forwardedMetadata)
            return try .json(Page(items: list.templates.map(TemplateResource.init), nextCursor: nil))
        })
        group.post("templates", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(CreateTemplateBody.self, from: data)
            let template = try await tenancy.unary(
                TenancyV1.createTemplate, TenancyV1.CreateTemplateRequest(name: body.name, definitionYaml: body.definitionYaml),
                metadata: caller.forwardedMetadata)
            return try .json(
                TemplateResource(template), status: .created,
                location: "/api/v1/templates/\(template.name)?version=\(template.version)")
        })
        group.get("templates/{name}", use: routes.handle { request, context, caller in
            let raw = request.presentQuery("version")
            guard let version = raw == nil ? 0 : raw.flatMap(UInt32.init), raw == nil || version > 0 else {
                throw APIProblem.invalid("version=\(raw ?? "") is not a version number (1, 2, …)")
            }
            let template = try await tenancy.unary(
                TenancyV1.getTemplate, TenancyV1.GetTemplateRequest(name: try context.name(), version: version),
                metadata: caller.forwardedMetadata)
            return try .json(TemplateResource(template))
        })
    }
}
