import ArgumentParser
import BerthRPC

/// `berth team create NAME`
struct TeamCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a team (admins only).",
        discussion: "The name becomes part of Kubernetes names: lowercase letters, digits and '-', at most 63.")

    @Argument(help: "The team's name, e.g. payments.") var name: String
    @Option(name: .customLong("display-name"), help: "A human-friendly name.") var displayName = ""
    @Option(name: .customLong("group"), help: "A directory group whose members are members of the team (repeatable).")
    var groups: [String] = []
    @Option(name: .customLong("owner-group"), help: "A group whose members own the team (admin in its spaces; repeatable).")
    var ownerGroups: [String] = []
    @Option(name: .customLong("viewer-group"), help: "A group whose members may only view the team's spaces (repeatable).")
    var viewerGroups: [String] = []
    @Option(name: .customLong("owner"), help: "A user who owns the team (repeatable).") var ownerUsers: [String] = []
    @Option(name: .customLong("member"), help: "A user who is a member of the team (repeatable).") var memberUsers: [String] = []
    @Option(name: .customLong("viewer"), help: "A user who may only view the team's spaces (repeatable).")
    var viewerUsers: [String] = []
    @Option(name: .customLong("max-spaces"), help: "Most spaces the team may have (default: no limit).") var maxSpaces: UInt32 = 0
    @Option(name: .customLong("quota-cpu"), help: "CPU over all the team's spaces, e.g. 32 (default: no limit).")
    var quotaCPU = ""
    @Option(name: .customLong("quota-memory"), help: "Memory over all the team's spaces, e.g. 128Gi.") var quotaMemory = ""
    @Option(name: .customLong("quota-storage"), help: "Storage requests over all the team's spaces, e.g. 1Ti.")
    var quotaStorage = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    var members: [TenancyV1.TeamMember] {
        ownerGroups.map { TenancyV1.TeamMember(kind: "group", name: $0, role: "owner") }
            + viewerGroups.map { TenancyV1.TeamMember(kind: "group", name: $0, role: "viewer") }
            + ownerUsers.map { TenancyV1.TeamMember(kind: "user", name: $0, role: "owner") }
            + memberUsers.map { TenancyV1.TeamMember(kind: "user", name: $0, role: "member") }
            + viewerUsers.map { TenancyV1.TeamMember(kind: "user", name: $0, role: "viewer") }
    }

    func run() async throws {
        let tenancy = try client.client(for: .tenancy)
        let team = try await tenancy.unary(
            TenancyV1.createTeam,
            TenancyV1.CreateTeamRequest(
                team: TenancyV1.Team(
                    name: name, displayName: displayName, groups: groups, members: members,
                    quota: TenancyV1.TeamQuota(maxSpaces: maxSpaces, cpu: quotaCPU, memory: quotaMemory, storage: quotaStorage))))
        try output.print(team) { TeamListCommand.table([team]) }
    }
}
