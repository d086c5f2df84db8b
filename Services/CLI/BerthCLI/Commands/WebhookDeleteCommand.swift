import ArgumentParser
import BerthRPC

/// `berth webhook delete ID`
struct WebhookDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Remove a webhook and its queued deliveries.")

    @Argument(help: "The webhook's id (from `berth webhook list`).") var id: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        _ = try await client.client(for: .audit).unary(AuditV1.deleteWebhook, AuditV1.DeleteWebhookRequest(id: id))
        print("webhook \(id) deleted")
    }
}
