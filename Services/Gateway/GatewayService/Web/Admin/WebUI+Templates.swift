import BerthRPC
import Hummingbird

/// Templates: the list, and a new version from a pasted definition (CreateTemplate's YAML or JSON).
extension WebUI {
    func templates(
        _ session: WebSession, name: String = "", definition: String = "", notice: String? = nil, error: String? = nil
    ) async -> Response {
        do {
            let list = try await tenancy.unary(
                TenancyV1.listTemplates, TenancyV1.ListTemplatesRequest(), metadata: session.forwardedMetadata)
            return Self.html(
                error == nil ? .ok : .unprocessableContent,
                WebPages.templates(
                    list.templates, name: name, definition: definition, session: session, notice: notice, error: error))
        } catch {
            return Self.failure(error, session: session)
        }
    }

    func createTemplate(_ request: Request, _ session: WebSession) async -> Response {
        guard let form = await Self.checkedForm(request, session) else { return Self.forbidden(session) }
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let definition = form["definition"] ?? ""
        do {
            let created = try await tenancy.unary(
                TenancyV1.createTemplate, TenancyV1.CreateTemplateRequest(name: name, definitionYaml: definition),
                metadata: session.forwardedMetadata)
            return await templates(session, notice: "Template \(created.name) version \(created.version) is created.")
        } catch {
            // The definition stays in the form: the error says what to fix in it.
            return await templates(session, name: name, definition: definition, error: error.message)
        }
    }
}
