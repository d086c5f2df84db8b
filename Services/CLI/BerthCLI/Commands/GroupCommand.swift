import ArgumentParser

/// `berth group …`
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "List, create and delete groups and change their members (admins).",
        subcommands: [GroupListCommand.self, GroupCreateCommand.self, GroupMembersCommand.self, GroupDeleteCommand.self])
}
