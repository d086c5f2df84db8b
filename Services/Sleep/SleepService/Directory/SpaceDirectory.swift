import Foundation

/// A space as sleep needs it: where it is, whose it is, how long it exists.
struct DirectorySpace: Sendable, Equatable {
    var cluster: String
    var name: String
    var team: String
    var owner: String
    var phase: String
    var createdAt: Date

    /// Tenancy's phase of a space on its way out: sleep leaves it alone.
    var isDeleting: Bool { phase == "Deleting" || phase == "Terminating" }
}

/// A connected cluster: how to reach its API.
struct DirectoryCluster: Sendable, Equatable, Hashable {
    var name: String
    var kubeconfig: String
    var context: String
    var isDefault: Bool
}

/// Where sleep learns which spaces and clusters exist, and asks for a space's deletion. The real one is
/// berth-tenancy over its socket (`TenancySpaceDirectory`; berth-sleep runs as Berth's user, a trusted caller);
/// tests use `InMemorySpaceDirectory`.
///
/// Contract: `spaces()` returns every space of every cluster (paging is the implementation's business);
/// `space(cluster:name:)` resolves "" to the default cluster and returns nil for an unknown space; `deleteSpace`
/// starts the deletion (tenancy finishes it) and throws when it was refused; errors of an unreachable tenancy are
/// thrown, never turned into an empty list (that would look like "no spaces").
protocol SpaceDirectory: Sendable {
    func clusters() async throws -> [DirectoryCluster]
    func spaces() async throws -> [DirectorySpace]
    func space(cluster: String, name: String) async throws -> DirectorySpace?
    func deleteSpace(cluster: String, name: String) async throws
}
