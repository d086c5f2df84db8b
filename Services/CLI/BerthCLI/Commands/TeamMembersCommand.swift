import ArgumentParser
import BerthRPC

/// `berth team members TEAM [--add-group G=ROLE] [--add-user U=ROLE] [--remove-group G] [--remove-user U]`
struct TeamMembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "Add or remove a team's groups and users (the team's owners and admins).",
        discussion: """
            Roles: owner (manages the team's spaces and members; admin in them), member (creates spaces; edit), \
            viewer (view). Adding a group or user that is already there changes its role.

            Example: berth team members payments --add-user alice=owner --add-group payments-qa=viewer --remove-user bob
            """)

    @Argument(help: "The team.") var team: String
    @Option(name: .customLong("add-group"), help: "GROUP=ROLE (repeatable).") var addGroups: [String] = []
    @Option(name: .customLong("add-user"), help: "USER=ROLE (repeatable).") var addUsers: [String] = []
    @Option(name: .customLong("remove-group"), help: "A group to remove (repeatable).") var removeGroups: [String] = []
    @Option(name: .customLong("remove-user"), help: "A user to remove (repeatable).") var removeUsers: [String] = []
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        func members(_ values: [String], kind: String, option: String) throws -> [TenancyV1.TeamMember] {
            try SpaceCreateCommand.pairs(values, option: option).map {
                TenancyV1.TeamMember(kind: kind, name: $0.key, role: $0.value)
            }
        }
        let request = TenancyV1.UpdateTeamMembersRequest(
            team: team,
            add: try members(addGroups, kind: "group", option: "--add-group") + members(addUsers, kind: "user", option: "--add-user"),
            remove: removeGroups.map { TenancyV1.TeamMember(kind: "group", name: $0) }
                + removeUsers.map { TenancyV1.TeamMember(kind: "user", name: $0) })
        guard !request.add.isEmpty || !request.remove.isEmpty else {
            throw ValidationError("nothing to change: give --add-group, --add-user, --remove-group or --remove-user")
        }
        let updated = try await client.client(for: .tenancy).unary(TenancyV1.updateTeamMembers, request)
        try output.print(updated) { TeamListCommand.table([updated]) }
    }
}
