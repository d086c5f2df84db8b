import ArgumentParser
import BerthRPC

/// `berth space show NAME`
struct SpaceShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one space, with why it is not Ready.")

    @Argument(help: "The space's name.") var name: String
    @Option(help: "The cluster; default: the default cluster.") var cluster = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let space = try await client.client(for: .tenancy).unary(
            TenancyV1.getSpace, TenancyV1.GetSpaceRequest(cluster: cluster, name: name))
        try output.print(space) { SpaceListCommand.table([space]) }
    }
}
