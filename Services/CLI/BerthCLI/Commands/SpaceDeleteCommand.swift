import ArgumentParser
import BerthRPC

/// `berth space delete NAME`
struct SpaceDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a space: its namespace and everything in it.",
        discussion: "The space shows Terminating until Kubernetes has finished deleting the namespace; only then can the name be used again.")

    @Argument(help: "The space's name.") var name: String
    @Option(help: "The cluster; default: the default cluster.") var cluster = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let space = try await client.client(for: .tenancy).unary(
            TenancyV1.deleteSpace, TenancyV1.DeleteSpaceRequest(cluster: cluster, name: name))
        try output.print(space) { SpaceListCommand.table([space]) }
    }
}
