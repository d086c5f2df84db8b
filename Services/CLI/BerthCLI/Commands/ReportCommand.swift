import ArgumentParser

/// `berth report …`
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports: what sleeping spaces saved.", subcommands: [ReportSavingsCommand.self])
}
