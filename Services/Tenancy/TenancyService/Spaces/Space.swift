import BerthModel
import Foundation

/// A space: a namespace in one cluster, made from one version of a template, for a team or a person.
/// `generation` counts changes to what is wanted; `observedGeneration` is the generation the cluster last matched.
struct Space: Sendable, Equatable {
    var name: DNSLabel
    var cluster: DNSLabel
    /// nil for a personal space.
    var team: DNSLabel?
    var owner: String
    var template: DNSLabel
    var templateVersion: Int
    var values: [String: String]
    var labels: [String: String]
    var expiresAt: Date?
    var deleteProtection: Bool
    var phase: SpacePhase
    var message: String
    /// Set by a delete; the reconciler then removes the namespace, waits for it to be gone, and forgets the space.
    var deleting: Bool
    var generation: Int
    var observedGeneration: Int
    /// The kinds (as `apiVersion/Kind`) last applied, so that a kind a newer template version dropped is pruned.
    var appliedKinds: [String]
    var createdAt: Date
}

/// What a space is doing, as users see it.
enum SpacePhase: String, Sendable, Codable, CaseIterable {
    /// Wanted but not yet (or not again) matched in the cluster.
    case pending = "Pending"
    case ready = "Ready"
    /// The cluster refused or could not be reached; `message` says what to do.
    case error = "Error"
    case sleeping = "Sleeping"
    case terminating = "Terminating"
}
