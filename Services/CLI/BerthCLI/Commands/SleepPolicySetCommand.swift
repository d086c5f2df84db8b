import ArgumentParser
import BerthRPC

/// `berth sleep policy set --team payments --sleep-after 1h --window "Mon-Fri 19:00-08:00 Europe/Berlin"`
struct SleepPolicySetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a level's policy (replacing what it set before; unset values inherit).",
        discussion: """
            Durations: 30m, 1h30m, 7d, or never. Windows: "Mon-Fri 19:00-08:00 Europe/Berlin" (repeat --window for
            several; --window none for explicitly none). Needs a local admin (berth-admin group) today.
            """)

    @OptionGroup var scope: SleepPolicyScopeOptions
    @Option(help: "Sleep after this long without activity (1h, never).") var sleepAfter = ""
    @Option(help: "A weekly sleep window; repeatable.") var window: [String] = []
    @Option(help: "Delete a space idle or asleep this long (30d, never).") var deleteAfter = ""
    @Option(help: "Warn this long before deleting (24h).") var deleteWarning = ""
    @Option(help: "true: asleep stays asleep until its owner or an admin wakes it.") var preventWake = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let policy = SleepV1.SleepPolicy(
            sleepAfter: sleepAfter, windows: window, deleteAfter: deleteAfter, deleteWarning: deleteWarning,
            preventWake: preventWake)
        let view = try await client.client(for: .sleep).unary(
            SleepV1.setSleepPolicy,
            SleepV1.SetSleepPolicyRequest(level: scope.level, cluster: scope.cluster, name: scope.name, policy: policy),
            metadata: SleepCommandSupport.metadata())
        try output.print(view) { SleepPolicyShowCommand.table(view) }
    }
}
