import BerthRPC

extension WebPages {
    /// ListTemplates answers each template's newest version; the older ones stay usable (spaces pin theirs).
    static func templates(
        _ templates: [TenancyV1.Template], name: String, definition: String, session: WebSession, notice: String?,
        error: String?
    ) -> HTML {
        let rows = templates.map { template -> HTML in
            let parameters = template.parameters.map(\.name).joined(separator: ", ")
            return """
                <tr><th scope="row">\(template.name)</th><td>\(template.version)</td><td>\(template.podSecurity)</td>
                <td>\(template.description)</td><td>\(parameters)</td></tr>
                """
        }
        let errorHTML: HTML = error.map { "<p id=\"definition-error\" class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        return WebLayout.page(
            "Templates", session: session, notice: notice,
            """
            <table><caption>Templates (newest version of each)</caption><thead><tr><th scope="col">Template</th>
            <th scope="col">Version</th><th scope="col">Pod security</th><th scope="col">Description</th>
            <th scope="col">Parameters</th></tr></thead><tbody>\(rows)</tbody></table>
            <h2>Create a template version</h2>
            <p>A new name starts at version 1; an existing name gets its next version. Spaces keep the version they
            were created from until they are upgraded.</p>
            <form method="post" action="/ui/admin/templates">\(csrfField(session))
            \(input("name", "Template name", value: name, required: true))
            <label for="definition">Definition (YAML or JSON)</label>
            <textarea id="definition" name="definition" rows="14" cols="80" required spellcheck="false"
              \(error == nil ? "" : "aria-invalid=\"true\" aria-describedby=\"definition-error\"" as HTML)>\(definition)</textarea>
            \(errorHTML)
            <p><button type="submit">Create version</button></p>
            </form>
            """)
    }
}
