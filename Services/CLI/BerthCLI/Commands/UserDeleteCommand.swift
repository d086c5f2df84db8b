import ArgumentParser
import BerthRPC

/// `berth user delete <user>`
struct UserDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a user, its sessions and access keys.")

    @OptionGroup var admin: IdentityAdminOptions
    @Argument(help: "Username or id.") var user: String

    func run() async throws {
        let found = try await admin.call(IdentityV1.getUser, IdentityV1.GetUserRequest(id: user))
        _ = try await admin.call(IdentityV1.deleteUser, IdentityV1.DeleteUserRequest(id: found.id))
        print("user \(found.username) deleted")
    }
}
