import ArgumentParser
import BerthRPC

/// `berth template …`
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "List, show and create the templates spaces are made from.",
        subcommands: [TemplateListCommand.self, TemplateShowCommand.self, TemplateCreateCommand.self])
}

/// `berth template list`
struct TemplateListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List templates (newest version of each) and their parameters.")

    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let templates = try await client.client(for: .tenancy).unary(
            TenancyV1.listTemplates, TenancyV1.ListTemplatesRequest()
        ).templates
        try output.print(templates) { Self.table(templates) }
    }

    static func table(_ templates: [TenancyV1.Template]) -> Table {
            Table(
                header: ["NAME", "VERSION", "POD-SECURITY", "PARAMETERS", "DESCRIPTION"],
                rows: templates.map { template in
                    [
                        template.name, "\(template.version)", template.podSecurity,
                        template.parameters.map { $0.required ? $0.name : "\($0.name)=\($0.defaultValue)" }
                            .joined(separator: " "),
                        template.description,
                    ]
                })
    }
}
