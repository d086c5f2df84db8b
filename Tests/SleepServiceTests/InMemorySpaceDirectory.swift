import Foundation
import Synchronization

@testable import SleepService

/// `SpaceDirectory` for tests: spaces and clusters in memory; deletions are recorded (and the space marked
/// Terminating, as tenancy does).
final class InMemorySpaceDirectory: SpaceDirectory, Sendable {
    private let state = Mutex<(clusters: [DirectoryCluster], spaces: [DirectorySpace], deleted: [String])>(([], [], []))

    func add(cluster: String, isDefault: Bool = false) {
        state.withLock { $0.clusters.append(DirectoryCluster(name: cluster, kubeconfig: "", context: "", isDefault: isDefault)) }
    }

    func add(_ space: DirectorySpace) { state.withLock { $0.spaces.append(space) } }

    var deleted: [String] { state.withLock { $0.deleted } }

    func clusters() async throws -> [DirectoryCluster] { state.withLock { $0.clusters } }

    func spaces() async throws -> [DirectorySpace] { state.withLock { $0.spaces } }

    func space(cluster: String, name: String) async throws -> DirectorySpace? {
        state.withLock { state in
            let resolved = cluster.isEmpty ? (state.clusters.first { $0.isDefault } ?? state.clusters.first)?.name ?? "" : cluster
            return state.spaces.first { $0.cluster == resolved && $0.name == name }
        }
    }

    func deleteSpace(cluster: String, name: String) async throws {
        state.withLock { state in
            state.deleted.append("\(cluster)/\(name)")
            for index in state.spaces.indices where state.spaces[index].cluster == cluster && state.spaces[index].name == name {
                state.spaces[index].phase = "Terminating"
            }
        }
    }
}
