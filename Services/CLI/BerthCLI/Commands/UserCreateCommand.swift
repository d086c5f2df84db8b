import ArgumentParser
import BerthRPC
import Foundation

/// `berth user create <username> [--name …] [--email …] [--group g]… [--password-file f]`
struct UserCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a user.")

    @OptionGroup var admin: IdentityAdminOptions
    @Argument var username: String
    @Option(help: "Display name.") var name: String = ""
    @Option var email: String = ""
    @Option(name: .customLong("group"), help: "A group (repeat for several).") var groups: [String] = []
    @Option(help: "The connector that vouches for the user.") var connector: String = "local"
    @Option(help: "A file holding the local password (never on the command line).") var passwordFile: String?
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        var password = ""
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw ValidationErrorMessage("cannot read \(passwordFile): check the path")
            }
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        let user = try await admin.call(
            IdentityV1.createUser,
            IdentityV1.CreateUserRequest(
                username: username, displayName: name, email: email, connectorId: connector, password: password,
                groups: groups))
        try output.print(user) { UserListCommand.table([user]) }
    }
}
