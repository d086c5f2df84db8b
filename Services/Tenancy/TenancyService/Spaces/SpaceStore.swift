import BerthModel

/// Where spaces and templates live.
///
/// Contract (every backend passes the same tests):
/// - `create` is atomic; a space whose (cluster, name) exists throws `TenancyError.alreadyExists`.
/// - `recordStatus` changes only the status fields, and only when `generation` is still the space's generation
///   (a status computed for an older want never overwrites a newer want's status); it returns whether it wrote.
/// - `markDeleting` bumps the generation; `remove` forgets the space.
protocol SpaceStore: Sendable {
    func create(_ space: Space) async throws
    func space(cluster: String, name: String) async throws -> Space?
    /// Ordered by (cluster, name), at most `limit`, after `after` (exclusive) when given.
    func spaces(cluster: String, after: String?, limit: Int) async throws -> [Space]
    func recordStatus(
        cluster: String, name: String, generation: Int, phase: SpacePhase, message: String, appliedKinds: [String]?
    ) async throws -> Bool
    func markDeleting(cluster: String, name: String) async throws
    func remove(cluster: String, name: String) async throws

    func saveTemplate(_ template: SpaceTemplate) async throws
    func template(name: String, version: Int) async throws -> SpaceTemplate?
}
