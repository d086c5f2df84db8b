/// Where space sleep policies live.
///
/// Contract: `set` replaces the space's policy atomically; `get` of a space without one returns nil.
protocol PolicyStore: Sendable {
    func set(space: String, sleepAfterSeconds: Int64) async throws
    func get(space: String) async throws -> Int64?
}
