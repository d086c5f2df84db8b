import ArgumentParser
import BerthRPC
import Foundation

/// `berth template create NAME -f FILE`
struct TemplateCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Store a template definition as the next version of NAME (admins only).",
        discussion: """
            The definition is YAML: description, podSecurity, quota, containerDefaults, isolateNetwork, \
            bindTeamRoles, namespaceLabels, parameters and manifests; deploy/templates/web.yaml is a commented \
            example. It is checked by rendering it before it is stored; errors name the line and the reason. \
            Existing spaces stay on their version until `berth space upgrade`.
            """)

    @Argument(help: "The template's name.") var name: String
    @Option(name: .shortAndLong, help: "The definition file (- for standard input).") var file: String
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("--file \(file): cannot read it")
            }
            data = contents
        }
        let template = try await client.client(for: .tenancy).unary(
            TenancyV1.createTemplate,
            TenancyV1.CreateTemplateRequest(name: name, definitionYaml: String(decoding: data, as: UTF8.self)))
        try output.print(template) { TemplateListCommand.table([template]) }
    }
}

/// `berth template show NAME [--version N]`
struct TemplateShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a template version, with its parameters and manifests.")

    @Argument(help: "The template's name.") var name: String
    @Option(help: "A version; default: the newest.") var version: UInt32 = 0
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let template = try await client.client(for: .tenancy).unary(
            TenancyV1.getTemplate, TenancyV1.GetTemplateRequest(name: name, version: version))
        try output.print(template) { TemplateListCommand.table([template]) }
    }
}
