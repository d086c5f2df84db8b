import ArgumentParser
import BerthRPC

/// `berth user update <user> [--username U] [--name N] [--email E]`: what `PATCH /api/v1/users/{name}` changes.
struct UserUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Rename a user or change their display name or email (admins).",
        discussion: """
            Only the given fields change. Users that a directory or SCIM provisions get these from there again at \
            their next login or sync; change them at the source instead.

            Example:
              berth user update alice --name "Alice Liddell" --email alice@example.com
            """)

    @OptionGroup var admin: IdentityAdminOptions
    @Argument(help: "Username or id.") var user: String
    @Option(help: "A new username.") var username: String?
    @Option(help: "The display name.") var name: String?
    @Option(help: "The email address.") var email: String?

    func validate() throws {
        guard username != nil || name != nil || email != nil else {
            throw ValidationError("give at least one of --username, --name, --email")
        }
    }

    func run() async throws {
        let found = try await admin.call(IdentityV1.getUser, IdentityV1.GetUserRequest(id: user))
        let updated = try await admin.call(
            IdentityV1.updateUser,
            IdentityV1.UpdateUserRequest(id: found.id, username: username, displayName: name, email: email))
        print("user \(updated.username) updated (name \"\(updated.displayName)\", email \"\(updated.email)\")")
    }
}
