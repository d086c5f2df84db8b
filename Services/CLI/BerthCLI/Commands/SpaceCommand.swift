import ArgumentParser

/// `berth space …`
struct SpaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "space", abstract: "Create, list, show and delete spaces (namespaces made from a template).",
        subcommands: [SpaceCreateCommand.self, SpaceListCommand.self, SpaceShowCommand.self, SpaceDeleteCommand.self, SpaceUpgradeCommand.self,
            SpaceWakeCommand.self, SpaceSleepCommand.self, SpaceKeepAwakeCommand.self,
        ])
}
