import BerthRPC

/// A template version as the API shows it.
struct TemplateResource: Codable, Sendable, Equatable {
    struct Parameter: Codable, Sendable, Equatable {
        var name: String
        var description: String
        var defaultValue: String
        var required: Bool
        var pattern: String
    }

    var name: String
    var version: UInt32
    var description: String
    var podSecurity: String
    var parameters: [Parameter]
    var manifests: String

    init(_ template: TenancyV1.Template) {
        name = template.name
        version = template.version
        description = template.description
        podSecurity = template.podSecurity
        parameters = template.parameters.map {
            Parameter(name: $0.name, description: $0.description, defaultValue: $0.defaultValue, required: $0.required, pattern: $0.pattern)
        }
        manifests = template.manifests
    }
}

/// `POST /api/v1/templates`: a new template, or a new version of one, from its YAML definition.
struct CreateTemplateBody: Decodable, Sendable {
    var name: String
    var definitionYaml: String
}
