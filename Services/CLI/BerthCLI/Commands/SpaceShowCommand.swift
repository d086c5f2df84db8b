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
        // The effective sleep policy and where each value came from (tables only; JSON/YAML stay tenancy's Space).
        // berth-sleep being down leaves the policy out, not the space.
        let policy = try? await client.client(for: .sleep).unary(
            SleepV1.getSleepPolicy, SleepV1.GetSleepPolicyRequest(level: "space", cluster: space.cluster, name: space.name))
        try output.print(space) { SpaceListCommand.table([space]) }
        if output == .table, let policy { print("\n" + SleepPolicyShowCommand.table(policy).rendered, terminator: "") }
    }
}
