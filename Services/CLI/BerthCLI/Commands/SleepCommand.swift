import ArgumentParser

/// `berth sleep …`
struct SleepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sleep", abstract: "Sleep policies: when spaces sleep, wake and expire.",
        subcommands: [SleepPolicyCommand.self])
}

/// `berth sleep policy …`
struct SleepPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Show or set the sleep policy of a cluster, team or space.",
        discussion: """
            A space's effective policy is its own values over its team's over its cluster's over the defaults
            (never sleep, never delete). `show` tells where each value came from.
            """,
        subcommands: [SleepPolicyShowCommand.self, SleepPolicySetCommand.self])
}

/// Which level a policy command is about: exactly one of --space, --team, --cluster-level.
struct SleepPolicyScopeOptions: ParsableArguments {
    @Option(help: "A space's policy (with --cluster for a space outside the default cluster).") var space: String?
    @Option(help: "A team's policy.") var team: String?
    @Option(help: "The space's cluster, or with --cluster-level the cluster whose policy it is.") var cluster = ""
    @Flag(help: "The cluster's own policy (of --cluster).") var clusterLevel = false

    func validate() throws {
        let chosen = [space != nil, team != nil, clusterLevel].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose one of --space NAME, --team NAME, --cluster-level --cluster NAME") }
        if clusterLevel && cluster.isEmpty { throw ValidationError("--cluster-level needs --cluster NAME") }
    }

    var level: String { clusterLevel ? "cluster" : team != nil ? "team" : "space" }
    var name: String { clusterLevel ? cluster : team ?? space ?? "" }
}
