import BerthKube
import BerthModel
import BerthRPC
import Foundation
import Logging

/// The team RPCs: validation and paging on top of a `TeamStore`.
struct TeamHandlers: Sendable {
    let store: any TeamStore
    let now: @Sendable () -> Date
    var audit = TenancyAudit(recorder: nil, logger: Logger(label: "berth.tenancy.teams"))

    static let defaultPageSize = 100
    static let maxPageSize = 1000

    func create(_ request: TenancyV1.CreateTeamRequest, caller: Caller? = nil) async throws -> TenancyV1.Team {
        try caller?.requireAdmin(to: "create teams")
        guard let requested = request.team else {
            throw TenancyError(code: .invalidArgument, message: "CreateTeam needs a team: set team.name")
        }
        let name: DNSLabel
        do {
            name = try DNSLabel(requested.name, kind: "team name")
        } catch {
            throw TenancyError(code: .invalidArgument, message: error.message)
        }
        let team = Team(
            name: name, displayName: requested.displayName, groups: requested.groups,
            members: try requested.members.map(Self.membership), quota: try Self.quota(requested.quota),
            createdAt: now())
        try await store.create(team)
        await record(.teamCreated, caller: caller, team: name.rawValue)
        return Self.wire(team)
    }

    /// Owners of the team and admins change who belongs to it; others get "not found" when they cannot see the
    /// team, "permission denied" when they are in it without owning it.
    func updateMembers(_ request: TenancyV1.UpdateTeamMembersRequest, caller: Caller) async throws -> TenancyV1.Team {
        guard let team = try await store.team(named: request.team) else {
            throw TenancyError(code: .notFound, message: "team \"\(request.team)\" does not exist")
        }
        if !caller.isAdmin {
            switch team.role(of: caller) {
            case .owner?: break
            case nil: throw TenancyError(code: .notFound, message: "team \"\(request.team)\" does not exist")
            default:
                throw TenancyError(
                    code: .permissionDenied, message: "only owners of team \(request.team) may change its members")
            }
        }
        let updated = try await store.updateMembers(
            team: request.team, add: try request.add.map(Self.membership),
            remove: try request.remove.map { member in
                guard let kind = TeamMembership.Kind(rawValue: member.kind) else {
                    throw TenancyError(code: .invalidArgument, message: "team member kind '\(member.kind)' is not valid: use group or user")
                }
                return TeamMembership(kind: kind, name: member.name, role: .viewer)
            })
        await record(.teamUpdated, caller: caller, team: request.team)
        return Self.wire(updated)
    }

    private func record(_ action: AuditAction, caller: Caller?, team: String) async {
        await audit.record(action, caller: caller, target: AuditV1.Target(kind: "team", name: team, team: team))
    }

    /// Admins see every team; anyone else the teams they belong to (a page may then hold fewer than asked).
    func list(_ request: TenancyV1.ListTeamsRequest, caller: Caller? = nil) async throws -> TenancyV1.ListTeamsResponse {
        let size = request.pageSize == 0 ? Self.defaultPageSize : min(Int(request.pageSize), Self.maxPageSize)
        let teams = try await store.list(after: request.pageToken.isEmpty ? nil : request.pageToken, limit: size)
        let visible = teams.filter { team in caller.map { $0.isAdmin || team.role(of: $0) != nil } ?? true }
        return TenancyV1.ListTeamsResponse(
            teams: visible.map(Self.wire),
            nextPageToken: teams.count == size ? (teams.last?.name.rawValue ?? "") : "")
    }

    static func membership(_ member: TenancyV1.TeamMember) throws -> TeamMembership {
        guard let kind = TeamMembership.Kind(rawValue: member.kind) else {
            throw TenancyError(
                code: .invalidArgument, message: "team member kind '\(member.kind)' is not valid: use group or user")
        }
        guard let role = TeamRole(rawValue: member.role) else {
            throw TenancyError(
                code: .invalidArgument,
                message: "team member role '\(member.role)' is not valid: use owner, member or viewer")
        }
        guard !member.name.isEmpty, member.name.count <= 256, !member.name.contains(where: \.isNewline) else {
            throw TenancyError(code: .invalidArgument, message: "team member name must be 1 to 256 characters on one line")
        }
        return TeamMembership(kind: kind, name: member.name, role: role)
    }

    static func quota(_ quota: TenancyV1.TeamQuota?) throws -> TeamQuota {
        guard let quota else { return TeamQuota() }
        func amount(_ text: String, _ resource: String) throws -> String? {
            if text.isEmpty { return nil }
            // Kubernetes itself caps a quantity's text far below 64 characters; a negative limit means nothing.
            guard text.count <= 64, let amount = Quantity(text), amount.value >= 0, !amount.value.isNaN else {
                throw TenancyError(
                    code: .invalidArgument,
                    message: "team quota \(resource) '\(text.prefix(64))' is not a non-negative Kubernetes quantity "
                        + "(e.g. 8, 500m, 16Gi): give one, or leave it empty for no limit")
            }
            return text
        }
        return TeamQuota(
            maxSpaces: quota.maxSpaces == 0 ? nil : Int(quota.maxSpaces), cpu: try amount(quota.cpu, "cpu"),
            memory: try amount(quota.memory, "memory"), storage: try amount(quota.storage, "storage"))
    }

    static func wire(_ team: Team) -> TenancyV1.Team {
        TenancyV1.Team(
            name: team.name.rawValue, displayName: team.displayName, groups: team.groups,
            createdUnixSeconds: Int64(team.createdAt.timeIntervalSince1970),
            members: team.members.map { TenancyV1.TeamMember(kind: $0.kind.rawValue, name: $0.name, role: $0.role.rawValue) },
            quota: team.quota.isEmpty
                ? nil
                : TenancyV1.TeamQuota(
                    maxSpaces: UInt32(team.quota.maxSpaces ?? 0), cpu: team.quota.cpu ?? "",
                    memory: team.quota.memory ?? "", storage: team.quota.storage ?? ""))
    }
}
