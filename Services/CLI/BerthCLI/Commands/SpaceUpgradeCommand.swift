import ArgumentParser
import BerthRPC

/// `berth space upgrade NAME [--template-version N]`
struct SpaceUpgradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade", abstract: "Move a space to another version of its template (default: the newest).",
        discussion: "Berth applies the difference and removes what the new version dropped; the space is Pending until the cluster matches.")

    @Argument(help: "The space's name.") var name: String
    @Option(name: .customLong("template-version"), help: "The version; default: the newest.") var templateVersion: UInt32 = 0
    @Option(help: "The cluster; default: the default cluster.") var cluster = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let space = try await client.client(for: .tenancy).unary(
            TenancyV1.upgradeSpace, TenancyV1.UpgradeSpaceRequest(cluster: cluster, name: name, templateVersion: templateVersion))
        try output.print(space) { SpaceListCommand.table([space]) }
    }
}
