import ArgumentParser

/// `berth team …`
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Create and list teams (groups of people that own spaces).",
        subcommands: [TeamCreateCommand.self, TeamListCommand.self, TeamMembersCommand.self, TeamQuotaCommand.self])
}
