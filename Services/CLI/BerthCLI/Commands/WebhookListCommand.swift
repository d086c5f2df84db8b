import ArgumentParser
import BerthRPC

/// `berth webhook list`
struct WebhookListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List webhooks and their deliveries.")

    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let response = try await client.client(for: .audit).unary(AuditV1.listWebhooks, AuditV1.ListWebhooksRequest())
        try output.print(response) {
            Table(
                header: ["ID", "NAME", "URL", "ACTIONS", "DELIVERED", "PENDING", "FAILED"],
                rows: response.webhooks.map { hook in
                    [
                        hook.id, hook.name, hook.url,
                        hook.actionPrefixes.isEmpty ? "*" : hook.actionPrefixes.joined(separator: ","),
                        "\(hook.delivered)", "\(hook.pending)", "\(hook.failed)",
                    ]
                })
        }
    }
}
