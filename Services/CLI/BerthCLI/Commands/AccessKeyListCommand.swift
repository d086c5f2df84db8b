import ArgumentParser
import BerthRPC

/// `berth accesskey list [--owner user | --all] [--include-revoked]`
struct AccessKeyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List access keys (never their secrets).")

    @OptionGroup var admin: IdentityAdminOptions
    @Option(help: "Username or subject (default: you).") var owner: String = ""
    @Flag(help: "Every user's keys (admins).") var all = false
    @Flag(help: "Include revoked keys.") var includeRevoked = false
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let keys = try await admin.call(
            IdentityV1.listAccessKeys,
            IdentityV1.ListAccessKeysRequest(owner: all ? "*" : owner, includeRevoked: includeRevoked)
        ).keys
        try output.print(keys) {
            Table(
                header: ["ID", "NAME", "OWNER", "SCOPES", "CREATED", "EXPIRES", "LAST-USED", "REVOKED"],
                rows: keys.map {
                    [
                        $0.id, $0.name, $0.ownerUsername, $0.scopes.joined(separator: ","),
                        IdentityAdminFormat.date($0.createdAtUnix), IdentityAdminFormat.date($0.expiresAtUnix),
                        IdentityAdminFormat.date($0.lastUsedAtUnix), IdentityAdminFormat.date($0.revokedAtUnix),
                    ]
                })
        }
    }
}
