import BerthRPC

/// Where the last activity of each (cluster, namespace) lives.
///
/// Contract:
/// - `record` applies the whole batch atomically. Per (cluster, namespace) it keeps the largest time seen (with
///   that report's kind): an older or equal time never moves it back, so reports may arrive late, twice or out
///   of order. It returns how many pairs moved forward.
/// - `last` of a pair never recorded returns nil.
protocol ActivityStore: Sendable {
    func record(_ activities: [SleepV1.Activity]) async throws -> Int
    func last(cluster: String, namespace: String) async throws -> SleepV1.Activity?
}
