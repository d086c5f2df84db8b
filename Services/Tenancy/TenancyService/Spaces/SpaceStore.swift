import BerthModel

/// Where spaces and templates live.
///
/// Contract (every backend passes the same tests):
/// - `create` is atomic; a space whose (cluster, name) exists throws `TenancyError.alreadyExists`.
/// - `recordStatus` changes only the status fields, and only when `generation` is still the space's generation
///   (a status computed for an older want never overwrites a newer want's status); it returns whether it wrote.
/// - `markDeleting` bumps the generation; `remove` forgets the space.
protocol SpaceStore: Sendable {
    /// Inserts `space`; for a personal space with `personalLimit`, first counts the owner's personal spaces in
    /// the same transaction and refuses (quota error) when the limit is reached, so concurrent creates cannot
    /// pass it together.
    func create(_ space: Space, personalLimit: Int?) async throws
    func space(cluster: String, name: String) async throws -> Space?
    /// Ordered by name, at most `limit`, after `after` (exclusive) when given, narrowed by `filter`.
    func spaces(cluster: String, filter: SpaceFilter, after: String?, limit: Int) async throws -> [Space]
    func recordStatus(
        cluster: String, name: String, generation: Int, phase: SpacePhase, message: String, appliedKinds: [String]?
    ) async throws -> Bool
    func markDeleting(cluster: String, name: String) async throws
    func remove(cluster: String, name: String) async throws

    func saveTemplate(_ template: SpaceTemplate) async throws
    func template(name: String, version: Int) async throws -> SpaceTemplate?
    /// The newest version of each template, by name.
    func latestTemplates() async throws -> [SpaceTemplate]
}

extension SpaceStore {
    func create(_ space: Space) async throws { try await create(space, personalLimit: nil) }
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
