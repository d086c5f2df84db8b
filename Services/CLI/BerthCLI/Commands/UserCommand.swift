import ArgumentParser

/// `berth user …`
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "List, create, update, disable and delete users (admins).",
        subcommands: [
            UserListCommand.self, UserCreateCommand.self, UserUpdateCommand.self, UserDisableCommand.self,
            UserDeleteCommand.self,
        ])
}
