import ArgumentParser

/// `berth accesskey …`
struct AccessKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accesskey", abstract: "Create, list and revoke access keys (API tokens for automation).",
        subcommands: [AccessKeyCreateCommand.self, AccessKeyListCommand.self, AccessKeyRevokeCommand.self])
}
