import BerthKube
import BerthModel
import BerthRPC
import Foundation

/// `GetTeamQuota` / `SetTeamQuota`: a team's limits with what its spaces use of them (the sum space creation
/// checks, from each space's template ResourceQuota).
///
/// Admins and the team's members (any role) read it; anyone else is told the team does not exist, as
/// `UpdateTeamMembers` does. Only admins set it (owners manage members and spaces, not their own limits). A quota
/// lower than the usage is stored: existing spaces stay, new ones are refused, and the answer lists the passed
/// limits in `exceeded`.
struct TeamQuotaHandlers: Sendable {
    let teams: any TeamStore
    let spaces: any SpaceStore
    let audit: TenancyAudit

    func get(_ request: TenancyV1.GetTeamQuotaRequest, caller: Caller) async throws -> TenancyV1.TeamQuotaStatus {
        let team = try await visibleTeam(request.team, caller: caller)
        return try await status(team)
    }

    func set(_ request: TenancyV1.SetTeamQuotaRequest, caller: Caller) async throws -> TenancyV1.TeamQuotaStatus {
        try caller.requireAdmin(to: "set team quotas")
        let quota = try TeamHandlers.quota(request.quota)
        _ = try await visibleTeam(request.team, caller: caller)
        let team = try await teams.setQuota(team: request.team, quota: quota)
        let answer = try await status(team)
        let limits = [
            "maxSpaces=\(quota.maxSpaces.map(String.init) ?? "none")", "cpu=\(quota.cpu ?? "none")",
            "memory=\(quota.memory ?? "none")", "storage=\(quota.storage ?? "none")",
        ]
        await audit.record(
            .quotaSet, caller: caller, target: AuditV1.Target(kind: "team", name: request.team, team: request.team),
            reason: limits.joined(separator: " ")
                + (answer.exceeded.isEmpty ? "" : "; over quota in \(answer.exceeded.joined(separator: ", "))"))
        return answer
    }

    private func visibleTeam(_ name: String, caller: Caller) async throws -> Team {
        guard !name.isEmpty else {
            throw TenancyError(code: .invalidArgument, message: "the request names no team: set team")
        }
        guard let team = try await teams.team(named: name), caller.isAdmin || team.role(of: caller) != nil else {
            throw TenancyError(
                code: .notFound, message: "team \"\(name)\" does not exist (or you are not in it): see `berth team list`")
        }
        return team
    }

    private func status(_ team: Team) async throws -> TenancyV1.TeamQuotaStatus {
        let (count, used) = try await spaces.teamUsage(team: team.name.rawValue)
        return TenancyV1.TeamQuotaStatus(
            team: team.name.rawValue, quota: TeamHandlers.wire(team).quota,
            usage: TenancyV1.TeamUsage(
                spaces: UInt32(clamping: count), cpu: used.cpu?.canonical ?? "", memory: used.memory?.canonical ?? "",
                storage: used.storage?.canonical ?? ""),
            exceeded: Self.exceeded(team.quota, spaces: count, used: used))
    }

    /// The limits `used` passes. An amount whose sum is unknown (a template without that quota) is not counted as
    /// passed here; creation refuses such spaces in a limited team anyway.
    static func exceeded(_ quota: TeamQuota, spaces: Int, used: SpaceUsage) -> [String] {
        var passed: [String] = []
        if let max = quota.maxSpaces, spaces > max { passed.append("spaces") }
        let amounts: [(String, String?, Quantity?)] = [
            ("cpu", quota.cpu, used.cpu), ("memory", quota.memory, used.memory), ("storage", quota.storage, used.storage),
        ]
        for (resource, limitText, amount) in amounts {
            if let limitText, let limit = Quantity(limitText), let amount, amount > limit { passed.append(resource) }
        }
        return passed
    }
}
