import ArgumentParser
import BerthRPC

/// `berth accesskey revoke <id>`
struct AccessKeyRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an access key at once.")

    @OptionGroup var admin: IdentityAdminOptions
    @Argument(help: "The key's id (from `berth accesskey list`).") var id: String

    func run() async throws {
        let revoked = try await admin.call(IdentityV1.revokeAccessKey, IdentityV1.RevokeAccessKeyRequest(id: id))
        print("access key \(revoked.key?.id ?? id) (\(revoked.key?.name ?? "")) revoked")
    }
}
