import ArgumentParser
import BerthRPC

/// `berth user disable <user>`: deactivates; sessions end and access keys are revoked at once.
struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Deactivate a user: ends its sessions and revokes its access keys at once.")

    @OptionGroup var admin: IdentityAdminOptions
    @Argument(help: "Username or id.") var user: String
    @Flag(help: "Activate the user again instead (revoked keys stay revoked).") var enable = false

    func run() async throws {
        let found = try await admin.call(IdentityV1.getUser, IdentityV1.GetUserRequest(id: user))
        let updated = try await admin.call(IdentityV1.updateUser, IdentityV1.UpdateUserRequest(id: found.id, active: enable))
        print("user \(updated.username) \(updated.active ? "enabled" : "disabled")")
    }
}
