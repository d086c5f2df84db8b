import ArgumentParser
import BerthRPC
import Foundation

/// `berth space list [--team T]`
struct SpaceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the spaces you may see (your teams' and your own).")

    @Option(help: "Only this team's spaces.") var team = ""
    @Option(help: "The cluster; default: the default cluster.") var cluster = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let tenancy = try client.client(for: .tenancy)
        var spaces: [TenancyV1.Space] = []
        var token = ""
        repeat {
            let page = try await tenancy.unary(
                TenancyV1.listSpaces,
                TenancyV1.ListSpacesRequest(cluster: cluster, team: team, pageSize: 500, pageToken: token))
            spaces += page.spaces
            token = page.nextPageToken
        } while !token.isEmpty
        try output.print(spaces) { Self.table(spaces) }
    }

    static func table(_ spaces: [TenancyV1.Space]) -> Table {
        Table(
            header: ["NAME", "TEAM", "OWNER", "TEMPLATE", "PHASE", "EXPIRES", "MESSAGE"],
            rows: spaces.map { space in
                [
                    space.name, space.team.isEmpty ? "(personal)" : space.team, space.owner,
                    "\(space.template).v\(space.templateVersion)", space.phase,
                    space.expiresUnixSeconds == 0
                        ? "-"
                        : ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(space.expiresUnixSeconds))),
                    space.message.isEmpty ? "-" : space.message,
                ]
            })
    }
}
