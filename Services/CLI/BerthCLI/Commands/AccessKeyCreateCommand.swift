import ArgumentParser
import BerthRPC
import Foundation

/// `berth accesskey create --name ci --scope read-only [--expires-in 90d] [--owner user]`
struct AccessKeyCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an access key; it is printed once.",
        discussion: "Scopes: read-only, admin, scim, team:<name>, team:<name>:<role>. A key is never wider than "
            + "its creator's own rights; admins may create keys for others with --owner.")

    @OptionGroup var admin: IdentityAdminOptions
    @Option(help: "A name that says what uses the key.") var name: String
    @Option(name: .customLong("scope"), help: "A scope (repeat for several).") var scopes: [String]
    @Option(help: "Lifetime, e.g. 90d, 12h (default: never expires).") var expiresIn: String?
    @Option(help: "Username or subject of the owner (default: you).") var owner: String = ""
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let created = try await admin.call(
            IdentityV1.createAccessKey,
            IdentityV1.CreateAccessKeyRequest(
                owner: owner, name: name, scopes: scopes,
                expiresInSeconds: try expiresIn.map(IdentityAdminFormat.seconds) ?? 0))
        FileHandle.standardError.write(
            Data("Store this key now: it is shown only once and cannot be recovered (revoke it and create a new one if lost).\n".utf8))
        switch output {
        case .table:
            print(created.token)
        case .json, .yaml:
            try output.print(created) { Table(header: [], rows: []) }
        }
    }
}
