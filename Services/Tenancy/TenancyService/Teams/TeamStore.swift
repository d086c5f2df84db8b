/// Where teams live.
///
/// Contract (every backend passes the same tests):
/// - `create` is atomic; a team whose name exists throws `TenancyError.alreadyExists` and changes nothing.
/// - `list` returns teams ordered by name, at most `limit`, starting after `after` (exclusive) when given.
protocol TeamStore: Sendable {
    func create(_ team: Team) async throws
    func list(after: String?, limit: Int) async throws -> [Team]
    func team(named name: String) async throws -> Team?
    /// Applies `add` then `remove` (matched by kind and name; the `groups` list counts as member groups) in one
    /// transaction; throws `notFound` for an unknown team.
    func updateMembers(team: String, add: [TeamMembership], remove: [TeamMembership]) async throws -> Team
    /// Replaces the team's quota; throws `notFound` for an unknown team.
    func setQuota(team: String, quota: TeamQuota) async throws -> Team
}
