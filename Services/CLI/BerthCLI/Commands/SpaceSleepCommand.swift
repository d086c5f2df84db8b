import ArgumentParser
import BerthRPC

/// `berth space sleep NAME`
struct SpaceSleepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sleep", abstract: "Put a space to sleep now (workloads to 0, CronJobs suspended, no new pods).")

    @Argument(help: "The space's name.") var name: String
    @Option(help: "The cluster; default: the default cluster.") var cluster = ""
    @Flag(help: "Stay asleep until the owner or an admin wakes it explicitly.") var preventWake = false
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let state = try await client.client(for: .sleep).unary(
            SleepV1.sleepSpace, SleepV1.SleepSpaceRequest(space: SleepCommandSupport.ref(name, cluster: cluster), preventWake: preventWake),
            metadata: SleepCommandSupport.metadata())
        try output.print(state) { SleepCommandSupport.table(state) }
    }
}
