import BerthModel
import BerthRPC
import Foundation

/// The team RPCs: validation and paging on top of a `TeamStore`.
struct TeamHandlers: Sendable {
    let store: any TeamStore
    let now: @Sendable () -> Date

    static let defaultPageSize = 100
    static let maxPageSize = 1000

    func create(_ request: TenancyV1.CreateTeamRequest) async throws -> TenancyV1.Team {
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
            name: name, displayName: requested.displayName, groups: requested.groups, createdAt: now())
        try await store.create(team)
        return Self.wire(team)
    }

    func list(_ request: TenancyV1.ListTeamsRequest) async throws -> TenancyV1.ListTeamsResponse {
        let size = request.pageSize == 0 ? Self.defaultPageSize : min(Int(request.pageSize), Self.maxPageSize)
        let teams = try await store.list(after: request.pageToken.isEmpty ? nil : request.pageToken, limit: size)
        return TenancyV1.ListTeamsResponse(
            teams: teams.map(Self.wire),
            nextPageToken: teams.count == size ? (teams.last?.name.rawValue ?? "") : "")
    }

    static func wire(_ team: Team) -> TenancyV1.Team {
        TenancyV1.Team(
            name: team.name.rawValue, displayName: team.displayName, groups: team.groups,
            createdUnixSeconds: Int64(team.createdAt.timeIntervalSince1970))
    }
}
