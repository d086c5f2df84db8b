import ArgumentParser
import BerthRPC

/// `berth webhook deliveries [--webhook ID] [--state S]`
struct WebhookDeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "Show deliveries, newest first, with their status.")

    @Option(help: "Only this webhook's deliveries.") var webhook: String = ""
    @Option(help: "pending, delivered or failed.") var state: String = ""
    @Option(help: "How many (at most 1000).") var limit: UInt32 = 50
    @Option(help: "The next page, as printed by the previous one.") var page: String = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let response = try await client.client(for: .audit).unary(
            AuditV1.listWebhookDeliveries,
            AuditV1.ListWebhookDeliveriesRequest(webhookId: webhook, state: state, pageSize: limit, pageToken: page))
        try output.print(response) {
            var table = Table(
                header: ["ID", "WEBHOOK", "SEQ", "ACTION", "STATE", "ATTEMPTS", "LAST STATUS", "LAST ERROR"],
                rows: response.deliveries.map { delivery in
                    [
                        delivery.id, delivery.webhookId, "\(delivery.eventSequence)", delivery.action, delivery.state,
                        "\(delivery.attempts)", delivery.lastStatus == 0 ? "-" : "\(delivery.lastStatus)",
                        delivery.lastError,
                    ]
                })
            if !response.nextPageToken.isEmpty {
                table.rows.append(["(more: --page \(response.nextPageToken))"])
            }
            return table
        }
    }
}
