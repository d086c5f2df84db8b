import BerthModel

/// Where spaces and templates live.
///
/// Contract (every backend passes the same tests):
/// - `create` is atomic; a space whose (cluster, name) exists throws `TenancyError.alreadyExists`.
/// - `recordStatus` changes only the status fields, and only when `generation` is still the space's generation
///   (a status computed for an older want never overwrites a newer want's status); it returns whether it wrote.
/// - `markDeleting` bumps the generation; `remove` forgets the space.
protocol SpaceStore: Sendable {
    /// Inserts `space` after checking `admission` in the same transaction (the owner's personal spaces, the
    /// team's spaces and their summed quotas), so that concurrent creates cannot pass a limit together; a limit
    /// that would be passed throws `TenancyError.quotaExceeded` with used, asked and limit.
    func create(_ space: Space, admission: SpaceAdmission) async throws
    func space(cluster: String, name: String) async throws -> Space?
    /// Ordered by name, at most `limit`, after `after` (exclusive) when given, narrowed by `filter`.
    func spaces(cluster: String, filter: SpaceFilter, after: String?, limit: Int) async throws -> [Space]
    func recordStatus(
        cluster: String, name: String, generation: Int, phase: SpacePhase, message: String, appliedKinds: [String]?
    ) async throws -> Bool
    func markDeleting(cluster: String, name: String) async throws
    func remove(cluster: String, name: String) async throws

    /// Stores `template` as the next version of its name (1 when new), chosen in the insert's transaction.
    func addTemplateVersion(_ template: SpaceTemplate) async throws -> SpaceTemplate
    /// Points the space at another template version and bumps its generation (the reconciler then applies the
    /// difference); false when there is no such space or it is being deleted.
    func setTemplateVersion(cluster: String, name: String, version: Int) async throws -> Bool
    /// Spaces made from an older version of `template` (for automatic upgrades), every cluster.
    func spacesBehind(template: String, version: Int) async throws -> [Space]
    func saveTemplate(_ template: SpaceTemplate) async throws
    /// One version of a template; `version` 0 means its newest.
    func template(name: String, version: Int) async throws -> SpaceTemplate?
    /// The newest version of each template, by name.
    func latestTemplates() async throws -> [SpaceTemplate]
    /// How many spaces `team` has and what their quotas add up to: the same sum `create` checks a new space
    /// against (a resource is nil when a space's template sets no amount for it).
    func teamUsage(team: String) async throws -> (spaces: Int, usage: SpaceUsage)
}

/// The limits a new space must fit in.
struct SpaceAdmission: Sendable {
    var personalLimit: Int?
    /// The team's quota (checked when the space has a team and the quota sets something).
    var teamQuota: TeamQuota?
    /// What the new space asks for.
    var usage = SpaceUsage.zero

    static let unlimited = SpaceAdmission(personalLimit: nil, teamQuota: nil)
}

extension SpaceStore {
    func create(_ space: Space) async throws { try await create(space, admission: .unlimited) }
    func spaces(cluster: String, after: String?, limit: Int) async throws -> [Space] {
        try await spaces(cluster: cluster, filter: SpaceFilter(), after: after, limit: limit)
    }
}

/// Which spaces a listing returns: `team` alone, or what someone may see (their teams' spaces and their own
/// personal ones); the default is every space.
struct SpaceFilter: Sendable, Equatable {
    var team: String?
    /// nil: no visibility restriction (admins).
    var visibleTo: (teams: [String], personalOwner: String)?

    static func == (lhs: SpaceFilter, rhs: SpaceFilter) -> Bool {
        lhs.team == rhs.team && lhs.visibleTo?.teams == rhs.visibleTo?.teams
            && lhs.visibleTo?.personalOwner == rhs.visibleTo?.personalOwner
    }
}
