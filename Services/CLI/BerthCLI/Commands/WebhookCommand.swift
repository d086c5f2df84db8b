import ArgumentParser

/// `berth webhook …` — outgoing webhooks for ITSM and chat tooling (admins).
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Send audit events to ITSM and chat tooling (admins).",
        discussion: """
            A webhook receives every audit event whose action starts with one of its filters, as a JSON POST
            signed with its secret:
              X-Berth-Signature: v1=<hex HMAC-SHA256(secret, "<X-Berth-Timestamp>." + body)>
            Receivers check the signature, refuse old timestamps, and deduplicate by X-Berth-Delivery (a delivery
            may arrive twice). Failed deliveries are retried with backoff for about ten hours, then kept as
            `failed` until redelivered.

            Examples:
              berth webhook create servicenow --url https://itsm.example.com/berth --action space. --action login.failed
              berth webhook list
              berth webhook deliveries --webhook <id> --state failed
              berth webhook redeliver <delivery-id>
            """,
        subcommands: [
            WebhookCreateCommand.self, WebhookListCommand.self, WebhookDeleteCommand.self,
            WebhookDeliveriesCommand.self, WebhookRedeliverCommand.self,
        ])
}
