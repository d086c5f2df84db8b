import ArgumentParser
import BerthRPC

/// `berth group list`
struct GroupListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List groups.")

    @OptionGroup var admin: IdentityAdminOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        var groups: [IdentityV1.GroupRecord] = []
        var cursor = ""
        repeat {
            let page = try await admin.call(IdentityV1.listGroups, IdentityV1.ListGroupsRequest(cursor: cursor, pageSize: 500))
            groups += page.groups
            cursor = page.nextCursor
        } while !cursor.isEmpty
        try output.print(groups) { GroupListCommand.table(groups) }
    }

    static func table(_ groups: [IdentityV1.GroupRecord]) -> Table {
        Table(
            header: ["NAME", "MEMBERS", "ID"],
            rows: groups.map { [$0.name, "\($0.memberIds.count)", $0.id] })
    }
}
