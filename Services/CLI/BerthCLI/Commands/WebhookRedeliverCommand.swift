import ArgumentParser
import BerthRPC

/// `berth webhook redeliver DELIVERY-ID`
struct WebhookRedeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver", abstract: "Send a delivery again (the same body, the same delivery id).")

    @Argument(help: "The delivery's id (from `berth webhook deliveries`).") var id: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let response = try await client.client(for: .audit).unary(
            AuditV1.redeliverWebhook, AuditV1.RedeliverWebhookRequest(deliveryId: id))
        print("delivery \(id) queued again (\(response.delivery?.state ?? "pending"))")
    }
}
