import ArgumentParser
import BerthRPC
import Foundation

/// `berth webhook create NAME --url URL [--action PREFIX]… [--secret-file F]`
struct WebhookCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Register a webhook; prints its secret once.")

    @Argument(help: "A DNS-label name (servicenow, chat-ops).") var name: String
    @Option(help: "Where to POST (http or https).") var url: String
    @Option(name: .customLong("action"), help: "An audit action or prefix to send (repeat; none: every action).")
    var actions: [String] = []
    @Option(help: "A file holding the HMAC secret (at least 16 characters); without it Berth generates one.")
    var secretFile: String?
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        var secret = ""
        if let secretFile {
            guard let data = FileManager.default.contents(atPath: secretFile) else {
                throw ValidationError("cannot read --secret-file \(secretFile)")
            }
            secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let response = try await client.client(for: .audit).unary(
            AuditV1.createWebhook,
            AuditV1.CreateWebhookRequest(name: name, url: url, actionPrefixes: actions, secret: secret))
        try output.print(response) {
            Table(
                header: ["ID", "NAME", "URL", "SECRET (shown once: store it in the receiver)"],
                rows: [[response.webhook?.id ?? "", name, url, response.secret]])
        }
    }
}
