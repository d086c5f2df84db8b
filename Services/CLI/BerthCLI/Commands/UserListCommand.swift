import ArgumentParser
import BerthRPC

/// `berth user list [--filter text]`
struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.")

    @OptionGroup var admin: IdentityAdminOptions
    @Option(help: "Only users whose username, name or email contains this.") var filter: String = ""
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        var users: [IdentityV1.UserRecord] = []
        var cursor = ""
        repeat {
            let page = try await admin.call(
                IdentityV1.listUsers, IdentityV1.ListUsersRequest(query: filter, cursor: cursor, pageSize: 500))
            users += page.users
            cursor = page.nextCursor
        } while !cursor.isEmpty
        try output.print(users) { UserListCommand.table(users) }
    }

    static func table(_ users: [IdentityV1.UserRecord]) -> Table {
        Table(
            header: ["USERNAME", "NAME", "EMAIL", "ACTIVE", "CONNECTOR", "GROUPS", "ID"],
            rows: users.map {
                [
                    $0.username, $0.displayName.isEmpty ? "-" : $0.displayName, $0.email.isEmpty ? "-" : $0.email,
                    $0.active ? "yes" : "no", $0.connectorId, $0.groups.isEmpty ? "-" : $0.groups.joined(separator: ","),
                    $0.id,
                ]
            })
    }
}
