import ArgumentParser

/// `berth user …`
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "List, create, disable and delete users (admins).",
        subcommands: [UserListCommand.self, UserCreateCommand.self, UserDisableCommand.self, UserDeleteCommand.self])
}
