import BerthRPC
import Foundation

/// An audit record as the API shows it: the event, its place in the chain and its hash (hex).
struct AuditEventResource: Codable, Sendable, Equatable {
    struct Actor: Codable, Sendable, Equatable {
        var subject: String
        var username: String
        var groups: [String]
        var authenticatedBy: String
        var source: String
        var userAgent: String
    }

    struct Target: Codable, Sendable, Equatable {
        var kind: String
        var name: String
        var team: String
        var space: String
        var cluster: String
    }

    var sequence: UInt64
    var id: String
    var time: String
    var action: String
    var actor: Actor?
    var target: Target?
    /// allowed, denied, failed or unspecified.
    var outcome: String
    var reason: String
    var details: [String: String]
    var hash: String

    init(_ record: AuditV1.Record) {
        let event = record.event ?? AuditV1.Event()
        sequence = record.sequence
        id = event.id
        time = APITime.string(unixNanos: event.timeUnixNanos)
        action = event.action
        actor = event.actor.map {
            Actor(subject: $0.subject, username: $0.username, groups: $0.groups, authenticatedBy: $0.authenticatedBy,
                source: $0.source, userAgent: $0.userAgent)
        }
        target = event.target.map { Target(kind: $0.kind, name: $0.name, team: $0.team, space: $0.space, cluster: $0.cluster) }
        outcome = Self.outcomeNames[event.outcome] ?? "unspecified"
        reason = event.reason
        details = event.details
        hash = record.hash.map { String(format: "%02x", $0) }.joined()
    }

    static let outcomeNames: [AuditV1.Outcome: String] = [
        .unspecified: "unspecified", .allowed: "allowed", .denied: "denied", .failed: "failed",
    ]
}
