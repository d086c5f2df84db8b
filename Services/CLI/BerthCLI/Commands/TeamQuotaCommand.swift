import ArgumentParser
import BerthRPC
import Foundation

/// `berth team quota TEAM [--max-spaces N] [--cpu Q] [--memory Q] [--storage Q]`
struct TeamQuotaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota", abstract: "Show a team's quota and usage, or change it (admins).",
        discussion: """
            Without a limit flag: the quota, what the team's spaces use, and which limits are exceeded. With one \
            or more: only those limits change (the others stay); an empty value or 0 removes a limit. A quota \
            below current usage is accepted: existing spaces stay, new ones are refused until usage is under it.

            Examples:
              berth team quota payments
              berth team quota payments --max-spaces 20 --cpu 40 --memory 80Gi
              berth team quota payments --storage ""
            """)

    @Argument(help: "The team.") var team: String
    @Option(help: "Most spaces the team may have (0: no limit).") var maxSpaces: UInt32?
    @Option(help: "CPU summed over the team's spaces' quotas, a Kubernetes quantity (e.g. 40, 500m).") var cpu: String?
    @Option(help: "Memory summed the same way (e.g. 80Gi).") var memory: String?
    @Option(help: "Storage requests summed the same way (e.g. 1Ti).") var storage: String?
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let tenancy = try client.client(for: .tenancy)
        let metadata = ClientOptions.callerMetadata()
        var status = try await tenancy.unary(
            TenancyV1.getTeamQuota, TenancyV1.GetTeamQuotaRequest(team: team), metadata: metadata)
        if maxSpaces != nil || cpu != nil || memory != nil || storage != nil {
            var quota = status.quota ?? TenancyV1.TeamQuota()
            if let maxSpaces { quota.maxSpaces = maxSpaces }
            if let cpu { quota.cpu = cpu == "0" ? "" : cpu }
            if let memory { quota.memory = memory == "0" ? "" : memory }
            if let storage { quota.storage = storage == "0" ? "" : storage }
            status = try await tenancy.unary(
                TenancyV1.setTeamQuota, TenancyV1.SetTeamQuotaRequest(team: team, quota: quota), metadata: metadata)
        }
        try output.print(status) { Self.table(status) }
        if !status.exceeded.isEmpty {
            FileHandle.standardError.write(
                Data("berth: team \(team) is over its quota for \(status.exceeded.joined(separator: ", ")): new spaces are refused\n".utf8))
        }
    }

    static func table(_ status: TenancyV1.TeamQuotaStatus) -> Table {
        let quota = status.quota ?? TenancyV1.TeamQuota()
        let usage = status.usage ?? TenancyV1.TeamUsage()
        func row(_ name: String, _ limit: String, _ used: String, key: String) -> [String] {
            [name, limit.isEmpty || limit == "0" ? "-" : limit, used.isEmpty ? "0" : used, status.exceeded.contains(key) ? "EXCEEDED" : ""]
        }
        return Table(
            header: ["LIMIT", "QUOTA", "USED", ""],
            rows: [
                row("spaces", "\(quota.maxSpaces)", "\(usage.spaces)", key: "spaces"),
                row("cpu", quota.cpu, usage.cpu, key: "cpu"),
                row("memory", quota.memory, usage.memory, key: "memory"),
                row("storage", quota.storage, usage.storage, key: "storage"),
            ])
    }
}
