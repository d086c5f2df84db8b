import ArgumentParser
import BerthRPC
import Foundation

/// `berth team list`
struct TeamListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List teams.")

    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let tenancy = try client.client(for: .tenancy)
        var teams: [TenancyV1.Team] = []
        var token = ""
        repeat {
            let page = try await tenancy.unary(
                TenancyV1.listTeams, TenancyV1.ListTeamsRequest(pageSize: 500, pageToken: token))
            teams += page.teams
            token = page.nextPageToken
        } while !token.isEmpty
        try output.print(teams) { Self.table(teams) }
    }

    static func quota(_ quota: TenancyV1.TeamQuota) -> String {
        var parts: [String] = []
        if quota.maxSpaces > 0 { parts.append("spaces=\(quota.maxSpaces)") }
        if !quota.cpu.isEmpty { parts.append("cpu=\(quota.cpu)") }
        if !quota.memory.isEmpty { parts.append("memory=\(quota.memory)") }
        if !quota.storage.isEmpty { parts.append("storage=\(quota.storage)") }
        return parts.isEmpty ? "-" : parts.joined(separator: ",")
    }

    static func table(_ teams: [TenancyV1.Team]) -> Table {
        Table(
            header: ["NAME", "DISPLAY-NAME", "GROUPS", "MEMBERS", "QUOTA", "CREATED"],
            rows: teams.map { team in
                [
                    team.name, team.displayName.isEmpty ? "-" : team.displayName,
                    team.groups.isEmpty ? "-" : team.groups.joined(separator: ","),
                    team.members.isEmpty ? "-" : team.members.map { "\($0.kind):\($0.name)=\($0.role)" }.joined(separator: ","),
                    team.quota.map(Self.quota) ?? "-",
                    ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(team.createdUnixSeconds))),
                ]
            })
    }
}
