import ArgumentParser
import BerthRPC

/// `berth space wake NAME`
struct SpaceWakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wake", abstract: "Wake a sleeping space: restore every workload as it was.",
        discussion: """
            Returns when every object has been restored (not when its pods are ready), or fails after --wait.
            A value someone changed while the space slept is kept and listed as a conflict.
            """)

    @Argument(help: "The space's name.") var name: String
    @Option(help: "The cluster; default: the default cluster.") var cluster = ""
    @Option(help: "How long to wait for the wake, in seconds (0: the server's sleep.wakeTimeout).") var wait: Int64 = 0
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let state = try await client.client(for: .sleep).unary(
            SleepV1.wakeSpace, SleepV1.WakeSpaceRequest(space: SleepCommandSupport.ref(name, cluster: cluster), timeoutSeconds: wait),
            deadline: wait > 0 ? .seconds(wait + 5) : nil, metadata: SleepCommandSupport.metadata())
        try output.print(state) { SleepCommandSupport.table(state) }
    }
}
