import ArgumentParser
import BerthRPC

/// `berth team create NAME`
struct TeamCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a team (admins only).",
        discussion: "The name becomes part of Kubernetes names: lowercase letters, digits and '-', at most 63.")

    @Argument(help: "The team's name, e.g. payments.") var name: String
    @Option(name: .customLong("display-name"), help: "A human-friendly name.") var displayName = ""
    @Option(name: .customLong("group"), help: "A directory group whose members belong to the team (repeatable).")
    var groups: [String] = []
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let tenancy = try client.client(for: .tenancy)
        let team = try await tenancy.unary(
            TenancyV1.createTeam,
            TenancyV1.CreateTeamRequest(team: TenancyV1.Team(name: name, displayName: displayName, groups: groups)))
        try output.print(team) { TeamListCommand.table([team]) }
    }
}
