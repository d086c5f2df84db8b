/// The pieces every form is made of: a labelled input (with its help text tied to it for screen readers) and
/// the CSRF field.
extension WebPages {
    /// One labelled text input (label first, so screen readers and clicks find it).
    static func input(
        _ id: String, _ label: String, value: String, required: Bool = false, help: String? = nil, type: String = "text",
        name: String? = nil
    ) -> HTML {
        let described: HTML = help.map { _ in " aria-describedby=\"\(id)-help\"" } ?? ""
        let helpText: HTML = help.map { "<span id=\"\(id)-help\" class=\"help\">\($0)</span>" } ?? ""
        return """
            <label for="\(id)">\(label)</label><input id="\(id)" name="\(name ?? id)" type="\(type)" value="\(value)"\(required ? " required" : "")\(described)>\(helpText)
            """
    }

    static func csrfField(_ session: WebSession) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrfToken)\">"
    }

    static func limit(_ value: String) -> String { value.isEmpty ? "no limit" : value }
}
